// Typing and "seen", both ways, over the sockets that already exist: a widget's signals go to the
// consoles of its helpline (`visitor.signal`), a console's to the visitor's room (`typing`,
// `seen`). Nothing is stored; the other side is found per signal (the conversation may have moved).
// Each visitor's signals are counted before that lookup: past the allowance they are dropped
// unanswered, so a flood from one token costs no query.
import { visitorRoom, webchatAdapter } from '@ascolto/channels'
import { findChannel, type Keyring, openConversationOfVisitor, visitorOfConversation } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { OperatorSignal, VisitorSignal } from '@ascolto/protocol'
import type { FastifyBaseLogger } from 'fastify'
import type { Server } from 'socket.io'
import { FLOOD_LIMITS, windowCounter } from '../../plugins/flood-limits.ts'
import { consoleRoom } from '../../realtime/rooms.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function relayWidgetSignals(io: Server, pool: Pool, keyring: Keyring, log: FastifyBaseLogger) {
  const failed = (error: unknown) => log.warn({ err: error }, 'widget signal not relayed')
  const allowance = windowCounter(FLOOD_LIMITS.widgetSignalsPerVisitor)

  // The /widget middleware has checked channelId and token before any connection gets here.
  io.of('/widget').on('connection', (socket) => {
    const { channelId, token } = socket.handshake.auth as { channelId: string; token: string }
    const toConsoles = async (signal: Omit<VisitorSignal, 'conversationId'>) => {
      if (!allowance.take(token)) return
      const channel = await findChannel(pool, channelId, webchatAdapter.kind)
      const conversationId = await openConversationOfVisitor(pool, keyring, channel, token)
      if (!conversationId) return
      const payload: VisitorSignal = { conversationId, ...signal }
      io.of('/console').to(consoleRoom(channel.helplineId)).emit('visitor.signal', payload)
    }
    socket.on('typing', (typing: unknown) => {
      if (typeof typing === 'boolean') toConsoles({ typing }).catch(failed)
    })
    socket.on('seen', (messageId: unknown) => {
      if (typeof messageId === 'string' && UUID.test(messageId))
        toConsoles({ seenMessageId: messageId }).catch(failed)
    })
  })

  io.of('/console').on('connection', (socket) => {
    // The optional acknowledgement says whether the signal was relayed.
    socket.on('operator.signal', (signal: Partial<OperatorSignal> | null, ack?: unknown) => {
      const answer = (relayed: boolean) => typeof ack === 'function' && ack(relayed)
      if (!signal || typeof signal.conversationId !== 'string' || !UUID.test(signal.conversationId))
        return answer(false)
      const { typing, seenMessageId } = signal
      visitorOfConversation(pool, keyring, signal.conversationId)
        .then((visitor) => {
          // the wall: only a console of the conversation's helpline may signal its visitor
          if (!visitor || !socket.rooms.has(consoleRoom(visitor.helplineId))) return answer(false)
          const room = io.of('/widget').to(visitorRoom(visitor.token))
          if (typeof typing === 'boolean') room.emit('typing', typing)
          if (typeof seenMessageId === 'string' && UUID.test(seenMessageId)) room.emit('seen', seenMessageId)
          answer(true)
        })
        .catch((error) => {
          failed(error)
          answer(false)
        })
    })
  })
}
