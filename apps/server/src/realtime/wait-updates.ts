// The wait a person sees, pushed over the widget's socket as the queue moves: no polling. A burst
// of changes at one helpline (a conversation taken, another arriving) is answered once, a moment
// after it settles, with each waiting visitor's place and wait; a visitor who stops waiting hears
// null; a visitor who connects hears theirs at once.
import { visitorRoom, webchatAdapter } from '@ascolto/channels'
import {
  describeWidgetWaits,
  findChannel,
  type Keyring,
  visitorsOfConversations,
  visitorWait,
} from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Server } from 'socket.io'

const SETTLE_MS = 300

export type WaitUpdates = {
  /** The queue of this helpline moved; `left`: conversations that stopped waiting. */
  queueMoved: (helplineId: string, left?: string) => void
  stop: () => void
}

export function createWaitUpdates(
  io: Server,
  pool: Pool,
  keyring: Keyring,
  clock: () => Date,
  log: FastifyBaseLogger,
): WaitUpdates {
  const widgets = io.of('/widget')
  const pending = new Map<string, { timer: NodeJS.Timeout; left: Set<string> }>()
  const failed = (error: unknown) => log.warn({ err: error }, 'wait not pushed')

  const push = async (helplineId: string, left: Set<string>) => {
    if (left.size > 0)
      for (const { token } of (await visitorsOfConversations(pool, keyring, [...left])).values())
        widgets.to(visitorRoom(token)).emit('wait', null)
    for (const { token, wait } of await describeWidgetWaits(pool, keyring, { helplineId, at: clock() }))
      widgets.to(visitorRoom(token)).emit('wait', wait)
  }

  // the /widget middleware of socket-server.ts has checked the channel and token
  widgets.on('connection', (socket) => {
    const { channelId, token } = socket.handshake.auth as { channelId: string; token: string }
    findChannel(pool, channelId, webchatAdapter.kind)
      .then((channel) => visitorWait(pool, keyring, channel, token, clock()))
      .then((wait) => wait && socket.emit('wait', wait))
      .catch(failed)
  })

  return {
    queueMoved(helplineId, left) {
      const waiting = pending.get(helplineId)
      if (waiting) {
        if (left) waiting.left.add(left)
        return
      }
      const leaving = new Set(left ? [left] : [])
      const timer = setTimeout(() => {
        pending.delete(helplineId)
        push(helplineId, leaving).catch(failed)
      }, SETTLE_MS)
      pending.set(helplineId, { timer, left: leaving })
    },
    stop() {
      for (const { timer } of pending.values()) clearTimeout(timer)
      pending.clear()
    },
  }
}
