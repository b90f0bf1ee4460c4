import type { Publisher } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { Server } from 'socket.io'
import { consoleRoom, userRoom } from './socket-server.ts'

export const OUTBOX_CHANNEL = 'ascolto_outbox'

/**
 * Pushes over Socket.IO (to every instance, through its adapter). A worker in this process is
 * woken directly; otherwise a NOTIFY after the commit wakes the workers elsewhere.
 */
export function createPublisher(io: Server, pool: Pool, localWorker?: { wake: () => void }): Publisher {
  return {
    toConsoles: (helplineId, event, ...args) => {
      io.of('/console')
        .to(consoleRoom(helplineId))
        .emit(event, ...args)
    },
    toOperator: (userId, event, ...args) => {
      io.of('/console')
        .to(userRoom(userId))
        .emit(event, ...args)
    },
    toWidget: (room, event, payload) => {
      io.of('/widget').to(room).emit(event, payload)
    },
    outboxChanged: () => {
      if (localWorker) localWorker.wake()
      else pool.query(`select pg_notify('${OUTBOX_CHANNEL}', '')`).catch(() => {})
    },
  }
}
