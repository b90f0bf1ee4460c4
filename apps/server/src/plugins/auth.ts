// Console authentication: a session cookie (httpOnly, SameSite=Strict, Secure behind TLS) and,
// for anything that changes state, a same-origin check so another site cannot act for the user.
import { type Actor, AscoltoError, actorForSession } from '@ascolto/core'
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

export async function requireActor(pool: Pool, request: FastifyRequest): Promise<Actor> {
  const token = request.cookies[SESSION_COOKIE]
  const actor = token ? await actorForSession(pool, token) : undefined
  if (!actor) throw new AscoltoError('ASCOLTO_ERR_UNAUTHENTICATED', 'Sign in first')
  if (request.method !== 'GET' && !isSameOrigin(request.headers.origin, request.headers.host)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Cross-site request refused')
  }
  return actor
}
