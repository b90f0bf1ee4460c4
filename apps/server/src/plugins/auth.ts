// Console authentication: a session cookie (httpOnly, SameSite=Strict, Secure behind TLS) and,
// for anything that changes state, a same-origin check so another site cannot act for the user.
import { type Actor, actorForSession, AscoltoError } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'ascolto_session'

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor
  }
}

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

export async function requireActor(pool: Pool, request: FastifyRequest): Promise<Actor> {
  const token = request.cookies[SESSION_COOKIE]
  const actor = token ? await actorForSession(pool, token) : undefined
  if (!actor) throw new AscoltoError('ASCOLTO_ERR_UNAUTHENTICATED', 'Sign in first')
  if (request.method !== 'GET' && !isSameOrigin(request.headers.origin, request.headers.host)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Cross-site request refused')
  }
  request.actor = actor
  return actor
}

/** Adds `preHandler: authenticated` to a route scope: everything in it needs a signed-in operator. */
export function authenticated(app: FastifyInstance, pool: Pool) {
  app.addHook('preHandler', async (request) => {
    await requireActor(pool, request)
  })
}
