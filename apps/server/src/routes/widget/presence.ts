// Whether the web-chat person is there, from their sockets: the last one of a visitor closing
// marks their open conversation away; one opening marks them back (core/widget/visitor-presence.ts).
// Every minute, visitors away past the grace time have left their conversation for good.
import { visitorRoom, webchatAdapter } from '@ascolto/channels'
import { endGoneVisitors, findChannel, noteVisitorAway, noteVisitorBack, type Services } from '@ascolto/core'
import { type Pool, withTransaction } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Server } from 'socket.io'

const SWEEP_MS = 60_000

export function watchVisitorPresence(io: Server, pool: Pool, services: Services, log: FastifyBaseLogger) {
  const failed = (error: unknown) => log.warn({ err: error }, 'visitor presence not recorded')
  const inTransaction = (
    run: (context: Parameters<typeof noteVisitorBack>[0]) => Promise<unknown>,
  ): Promise<unknown> => withTransaction(pool, (tx, afterCommit) => run({ tx, afterCommit, services }))

  // a server closing drops every socket: the visitors are not away, they move to another instance
  let closing = false
  // The /widget middleware has checked channelId and token before any connection gets here.
  io.of('/widget').on('connection', (socket) => {
    const { channelId, token } = socket.handshake.auth as { channelId: string; token: string }
    const channel = findChannel(pool, channelId, webchatAdapter.kind)
    channel.then((found) => inTransaction((context) => noteVisitorBack(context, found, token))).catch(failed)
    socket.on('disconnect', async () => {
      if (closing) return
      try {
        // another tab or another instance may still hold a socket of this visitor
        const others = await io.of('/widget').in(visitorRoom(token)).fetchSockets()
        if (others.length > 0) return
        const found = await channel
        await inTransaction((context) => noteVisitorAway(context, found, token, services.clock()))
      } catch (error) {
        failed(error)
      }
    })
  })

  const sweep = setInterval(() => {
    inTransaction((context) => endGoneVisitors(context, services.clock())).catch((error) =>
      log.warn({ err: error }, 'gone visitors not ended'),
    )
  }, SWEEP_MS)
  sweep.unref()
  const close = io.close.bind(io)
  io.close = (callback) => {
    closing = true
    clearInterval(sweep)
    return close(callback)
  }
}
