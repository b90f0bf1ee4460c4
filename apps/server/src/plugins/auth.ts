// Console authentication: a session cookie (httpOnly, SameSite=Strict, Secure behind TLS) and,
// for anything that changes state, a same-origin check so another site cannot act for the user.
// The route's policy (route-policies.ts) resolves the session before the handler runs; the
// handler's requireActor then finds it here without asking the database again.
import {
  type Actor,
  AscoltoError,
  actorForSession,
  type Services,
  type SessionActor,
  sessionTag,
} from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'ascolto_session'

export function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/' } as const
}

/** True when the request comes from a page of this very server (or states no origin: not a browser). */
export function isSameOrigin(origin: string | undefined, host: string | undefined) {
  if (!origin) return true
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

const sessions = new WeakMap<FastifyRequest, Promise<SessionActor>>()

/** The session behind the cookie, even one that may only set up a second factor. */
export function requireSession(pool: Pool, request: FastifyRequest): Promise<SessionActor> {
  let found = sessions.get(request)
  if (!found) {
    found = (async () => {
      const token = request.cookies[SESSION_COOKIE]
      const actor = token ? await actorForSession(pool, token) : undefined
      if (!actor) throw new AscoltoError('ASCOLTO_ERR_UNAUTHENTICATED', 'Sign in first')
      if (request.method !== 'GET' && !isSameOrigin(request.headers.origin, request.headers.host)) {
        throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Cross-site request refused')
      }
      return actor
    })()
    sessions.set(request, found)
  }
  return found
}

/** A signed-in operator with a full session (a second factor set up where one is required). */
export async function requireActor(pool: Pool, request: FastifyRequest): Promise<Actor> {
  const actor = await requireSession(pool, request)
  if (actor.enrolmentOnly) {
    throw new AscoltoError('ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT', 'Set up your second factor first')
  }
  return actor
}

/** The address a sign-in comes from, for throttling (behind a proxy: the client it names). */
export const clientAddress = (request: FastifyRequest) => request.ip

/** The console socket a read names (`x-ascolto-socket`: Socket.IO's id) to follow what it opened. */
export const CONSOLE_SOCKET_HEADER = 'x-ascolto-socket'
const SOCKET_ID = /^[A-Za-z0-9_-]{10,40}$/

/**
 * After an audited read, the console socket the request names, if it is one of this very session,
 * receives the conversation's content as it comes (realtime/content-rooms.ts).
 */
export async function followOnConsoleSocket(
  request: FastifyRequest,
  services: Services,
  conversationId: string,
) {
  const socketId = request.headers[CONSOLE_SOCKET_HEADER]
  const token = request.cookies[SESSION_COOKIE]
  if (typeof socketId !== 'string' || !SOCKET_ID.test(socketId) || !token) return
  await services.publisher.follow(socketId, sessionTag(token), conversationId)
}
