// Realtime over Socket.IO. Its PostgreSQL adapter (batched: batched-adapter.ts) carries every emit to the other instances
// through LISTEN/NOTIFY, so a console connected to any instance hears what happened on another.
// Two namespaces: /console (operators, by session cookie) and /widget (visitors, by token).

import { visitorRoom, webchatAdapter } from '@ascolto/channels'
import {
  actorForSession,
  assignedConversationIds,
  findChannel,
  liveSessionTags,
  mediatedConversationIds,
  SESSIONS_ENDED_CHANNEL,
  sessionTag,
} from '@ascolto/core'
import type { Pool, PoolClient } from '@ascolto/db'
import { fastifyCookie } from '@fastify/cookie'
import type { FastifyBaseLogger } from 'fastify'
import { Server } from 'socket.io'
import { isSameOrigin, SESSION_COOKIE } from '../plugins/auth.ts'
import {
  ANONYMOUS_SOCKETS_PER_ADDRESS,
  socketLimit,
  WIDGET_SOCKETS_PER_ADDRESS,
} from '../plugins/flood-limits.ts'
import { createBatchedAdapter } from './batched-adapter.ts'
import { watchDatabase } from './database-watch.ts'
import { listeningPool } from './listening-pool.ts'
import { assignedRoom, consoleRoom, mediationRoom, sessionRoom, userRoom } from './rooms.ts'

const TOKEN = /^[A-Za-z0-9_-]{43}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** How often large realtime payloads are deleted from socket_io_attachments (each lives ≤ 2×). */
export const ATTACHMENT_CLEANUP_MS = 10_000

const SESSION_TAG = /^session:[0-9a-f]{64}$/
/** How often each instance drops the console sockets whose session has expired (idle time). */
export const SESSION_SWEEP_MS = 15_000
/** How soon a lost LISTEN connection is taken again. */
const LISTEN_AGAIN_MS = 1000

export function createSocketServer(
  pool: Pool,
  log: FastifyBaseLogger,
  options: { trustProxy: string },
): { io: Server; listening: Promise<void> } {
  const io = new Server({
    serveClient: false,
    // the widget connects from the helpline's own site; consoles are held to same-origin below
    cors: { origin: '*', credentials: false },
    maxHttpBufferSize: 64 * 1024,
  })
  // what one turn emits goes in one NOTIFY per namespace (batched-adapter.ts)
  const adapter = createBatchedAdapter(listeningPool(pool, log), {
    errorHandler: (error) => log.warn({ err: error }, 'realtime adapter'),
    // an event too large for NOTIFY (a long message's text) waits in socket_io_attachments, in
    // clear, until the next cleanup: every 10 s here rather than the adapter's 30 s
    cleanupInterval: ATTACHMENT_CLEANUP_MS,
  })
  io.adapter(adapter)

  io.of('/console').use(async (socket, next) => {
    const { headers } = socket.handshake
    // a page of another site must not open a socket with the operator's cookie
    if (!isSameOrigin(headers.origin, headers.host)) return next(new Error('ASCOLTO_ERR_FORBIDDEN'))
    const token = fastifyCookie.parse(headers.cookie ?? '')[SESSION_COOKIE]
    const actor = token ? await actorForSession(pool, token).catch(() => undefined) : undefined
    if (!actor) return next(new Error('ASCOLTO_ERR_UNAUTHENTICATED'))
    if (actor.enrolmentOnly) return next(new Error('ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT'))
    socket.data.userId = actor.userId
    socket.data.sessionTag = sessionTag(token ?? '')
    await socket.join([
      userRoom(actor.userId),
      sessionRoom(socket.data.sessionTag),
      ...[...actor.roles.keys()].map(consoleRoom),
      // the content of what is assigned to them reaches them from the start (content-rooms.ts)
      ...(await assignedConversationIds(pool, actor)).map(assignedRoom),
      // a mediator's: the conversations they are in, and no helpline's room (they have no role above)
      ...(await mediatedConversationIds(pool, actor)).map(mediationRoom),
    ])
    next()
  })

  // first, before the channel is looked up: a flood of sockets from one address stops here
  io.of('/widget').use(socketLimit(options.trustProxy, WIDGET_SOCKETS_PER_ADDRESS))
  // the default namespace serves nothing, yet Socket.IO accepts anyone on it: capped per address
  io.of('/').use(socketLimit(options.trustProxy, ANONYMOUS_SOCKETS_PER_ADDRESS))
  io.of('/widget').use(async (socket, next) => {
    const { channelId, token } = (socket.handshake.auth ?? {}) as { channelId?: unknown; token?: unknown }
    if (
      typeof channelId !== 'string' ||
      !UUID.test(channelId) ||
      typeof token !== 'string' ||
      !TOKEN.test(token)
    ) {
      return next(new Error('ASCOLTO_ERR_VALIDATION'))
    }
    const channel = await findChannel(pool, channelId, webchatAdapter.kind).catch(() => undefined)
    if (!channel) return next(new Error('ASCOLTO_ERR_NOT_FOUND'))
    await socket.join(visitorRoom(token))
    next()
  })

  // Deny by default for what clients send: reading and replying go over HTTP, where each route
  // declares its policy; every event not declared here is refused, with an answer to an
  // acknowledgement. An event added here must say who may send it, as a route does.
  const declared: Record<string, readonly string[]> = {
    // typing and seen of the person whose token opened the socket (routes/widget/signals.ts)
    '/widget': ['typing', 'seen'],
    // typing and seen of an operator, relayed only for a conversation of one of their helplines
    '/console': ['operator.signal'],
  }
  for (const namespace of ['/console', '/widget']) {
    io.of(namespace).on('connection', (socket) => {
      socket.use((packet, next) => {
        if (declared[namespace]?.includes(packet[0])) return next()
        const ack = packet.at(-1)
        if (typeof ack === 'function') ack({ code: 'ASCOLTO_ERR_FORBIDDEN', message: 'Event not allowed' })
        next(new Error('ASCOLTO_ERR_FORBIDDEN'))
      })
      // a refused event is the client's mistake, not the server's: nothing to log or crash on
      socket.on('error', () => {})
    })
  }

  const endedSessionsHeard = listenForEndedSessions(io, pool, log)
  const stopWatching = watchDatabase(io, pool, log)
  const close = io.close.bind(io)
  io.close = (callback) => {
    stopWatching()
    return close(callback)
  }
  return { io, listening: Promise.all([adapter.listening, endedSessionsHeard]).then(() => {}) }
}

/**
 * Sessions ended (sign-out everywhere, deactivation) are announced by a NOTIFY sent in the
 * transaction that ended them; each instance drops its own sockets of that operator, at once.
 * The listening connection is taken again when the database ends it (a restart), and given back
 * when the server closes. Resolves once it first listens.
 */
function listenForEndedSessions(io: Server, pool: Pool, log: FastifyBaseLogger): Promise<void> {
  let listened = () => {}
  const listening = new Promise<void>((resolve) => {
    listened = resolve
  })
  let closed = false
  let giveBack: ((error?: Error) => void) | undefined
  let retry: NodeJS.Timeout | undefined
  const listen = async () => {
    retry = undefined
    let client: PoolClient
    try {
      client = await pool.connect()
    } catch (error) {
      log.warn({ err: error }, 'cannot listen for ended sessions')
      if (!closed) retry = setTimeout(listen, LISTEN_AGAIN_MS)
      return
    }
    let released = false
    giveBack = (error?: Error) => {
      if (released) return
      released = true
      client.release(error)
    }
    client.on('notification', ({ channel, payload }) => {
      if (channel !== SESSIONS_ENDED_CHANNEL || !payload) return
      if (UUID.test(payload)) io.of('/console').local.in(userRoom(payload)).disconnectSockets(true)
      else if (SESSION_TAG.test(payload)) io.of('/console').local.in(payload).disconnectSockets(true)
    })
    const again = (error: Error, what: string) => {
      log.warn({ err: error }, what)
      giveBack?.(error)
      if (!closed && !retry) retry = setTimeout(listen, LISTEN_AGAIN_MS)
    }
    client.once('error', (error) => again(error, 'ended-sessions listener lost its database connection'))
    try {
      await client.query(`listen ${SESSIONS_ENDED_CHANNEL}`)
    } catch (error) {
      // refused with the connection still up (or ended by it): this connection is not listening
      return again(error as Error, 'ended-sessions listener could not listen')
    }
    listened()
    if (closed) giveBack()
  }
  void listen()
  // a session that ran out of idle time ends no transaction to announce it: swept instead, so a
  // console left open on a laptop stops receiving once its session is over
  const sweep = setInterval(async () => {
    try {
      const sockets = await io.of('/console').local.fetchSockets()
      const live = await liveSessionTags(
        pool,
        sockets.map((socket) => socket.data.sessionTag as string),
      )
      for (const socket of sockets) if (!live.has(socket.data.sessionTag)) socket.disconnect(true)
    } catch (error) {
      log.warn({ err: error }, 'session sweep')
    }
  }, SESSION_SWEEP_MS)
  sweep.unref()
  const close = io.close.bind(io)
  io.close = (callback) =>
    close((error) => {
      clearInterval(sweep)
      closed = true
      clearTimeout(retry)
      giveBack?.()
      callback?.(error)
    })
  return listening
}
