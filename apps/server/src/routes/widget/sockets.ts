// What the widget's socket adds to the server's realtime: the sites a helpline lists hold for the
// socket as for the REST routes, typing / seen are relayed both ways (signals.ts), and the
// consoles see when the person leaves and comes back (presence.ts).
import { loadWidgetChannel, type Services, widgetOriginAllowed } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Server } from 'socket.io'
import { isSameOrigin } from '../../plugins/auth.ts'
import { watchVisitorPresence } from './presence.ts'
import { relayWidgetSignals } from './signals.ts'

export function extendWidgetSockets(io: Server, pool: Pool, services: Services, log: FastifyBaseLogger) {
  // After the /widget middleware of socket-server.ts, which has checked the channel and token.
  io.of('/widget').use(async (socket, next) => {
    const { origin, host } = socket.handshake.headers
    const { channelId } = socket.handshake.auth as { channelId: string }
    if (isSameOrigin(origin, host)) return next()
    const found = await loadWidgetChannel(pool, channelId).catch(() => undefined)
    if (found && !widgetOriginAllowed(found.settings, origin, []))
      return next(new Error('ASCOLTO_ERR_FORBIDDEN'))
    next()
  })
  relayWidgetSignals(io, pool, services.keyring, log)
  watchVisitorPresence(io, pool, services, log)
}
