import type { Publisher } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { ConsoleEvents, ConversationView, MessageView } from '@ascolto/protocol'
import type { Server } from 'socket.io'
import { emitConversation, emitMessage, followAsMediator, followConversation } from './content-rooms.ts'
import { consoleRoom, userRoom } from './rooms.ts'
import type { WaitUpdates } from './wait-updates.ts'

export const OUTBOX_CHANNEL = 'ascolto_outbox'

/**
 * Pushes over Socket.IO (to every instance, through its adapter). A worker in this process is
 * woken directly; otherwise a NOTIFY after the commit wakes the workers elsewhere.
 */
export function createPublisher(
  io: Server,
  pool: Pool,
  localWorker?: { wake: () => void },
  waits?: WaitUpdates,
): Publisher {
  return {
    toConsoles: (helplineId, event, ...args) => {
      const consoles = io.of('/console')
      const [payload] = args
      // content goes only where the conversation is open or assigned (content-rooms.ts)
      if (event === 'conversation.updated')
        emitConversation(consoles, consoleRoom(helplineId), payload as ConversationView)
      else if (event === 'message.created' || event === 'message.updated')
        emitMessage(consoles, consoleRoom(helplineId), event, payload as MessageView)
      else consoles.to(consoleRoom(helplineId)).emit(event, ...args)
      // every change of a conversation may move the queue the waiting people see
      if (event === 'conversation.updated') {
        const [view] = args as Parameters<ConsoleEvents['conversation.updated']>
        waits?.queueMoved(helplineId, view.status === 'waiting' ? undefined : view.id)
      } else if (event === 'conversation.removed') waits?.queueMoved(helplineId)
    },
    answeringChanged: (helplineId) => waits?.queueMoved(helplineId),
    toOperator: (userId, event, ...args) => {
      io.of('/console')
        .to(userRoom(userId))
        .emit(event, ...args)
    },
    follow: (socketId, sessionTag, conversationId) =>
      followConversation(io.of('/console'), socketId, sessionTag, conversationId),
    mediatorRoom: (userId, conversationId, change) =>
      followAsMediator(io.of('/console'), userId, conversationId, change),
    toWidget: (room, event, payload) => {
      io.of('/widget').to(room).emit(event, payload)
    },
    outboxChanged: () => {
      if (localWorker) localWorker.wake()
      else pool.query(`select pg_notify('${OUTBOX_CHANNEL}', '')`).catch(() => {})
    },
  }
}
