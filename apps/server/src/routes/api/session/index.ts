// Signing in (password, then a code or a passkey when a second factor is set up), signing out,
// and setting up the app's second factor (passkeys: passkeys.ts). Sign-ins, and the passkey
// challenge of their second step, are throttled per account and per address (429 with Retry-After).
import {
  AscoltoError,
  actorForSession,
  completeEnrolment,
  confirmTotpEnrolment,
  describeSession,
  relyingPartyOf,
  type SignInPolicy,
  signIn,
  signOut,
  startPasskeySignIn,
  startTotpEnrolment,
  ThrottledError,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ErrorView,
  PasskeyChallengeBody,
  PasskeyRequestOptions,
  RecoveryCodes,
  SessionView,
  SignInBody,
  TotpCodeBody,
  TotpEnrolment,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context.ts'
import {
  clientAddress,
  cookieOptions,
  isSameOrigin,
  requireSession,
  SESSION_COOKIE,
} from '../../../plugins/auth.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

export const sessionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, config, services },
) => {
  const secure = config.publicUrl.startsWith('https://')
  const policy: SignInPolicy = {
    secondFactor: config.secondFactor,
    idleMinutes: config.sessionIdleMinutes,
    relyingParty: relyingPartyOf(config.publicUrl),
  }

  app.get('/api/session', { schema: { response: { 200: SessionView, 401: ErrorView } } }, async (request) =>
    describeSession(pool, await requireSession(pool, request)),
  )

  app.post(
    '/api/session',
    { schema: { body: SignInBody, response: { 200: SessionView, ...errors, 429: ErrorView } } },
    async (request, reply) => {
      refuseCrossSite(request)
      // a fresh token at every sign-in: a session id planted before cannot be reused
      const previous = request.cookies[SESSION_COOKIE]
      if (previous) await signOut(pool, previous)
      // on the pool, not in one transaction: a failure must stay counted when the sign-in throws
      const { token } = await signIn(pool, services.keyring, policy, {
        ...request.body,
        address: clientAddress(request),
      }).catch(retryAfter(reply))
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure))
      request.log.info({ event: 'sign_in' }, 'operator signed in')
      const actor = await actorForSession(pool, token)
      if (!actor) throw new Error('A session just made was not found')
      return describeSession(pool, actor)
    },
  )

  app.post(
    '/api/session/passkey-challenge',
    {
      schema: {
        body: PasskeyChallengeBody,
        response: { 200: PasskeyRequestOptions, ...errors, 429: ErrorView },
      },
    },
    async (request, reply) => {
      refuseCrossSite(request)
      const options = await startPasskeySignIn(pool, policy, {
        ...request.body,
        address: clientAddress(request),
      }).catch(retryAfter(reply))
      if (!options) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'This account has no passkey')
      return options
    },
  )

  app.delete('/api/session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await signOut(pool, token)
    reply.clearCookie(SESSION_COOKIE, cookieOptions(secure))
    return reply.status(204).send()
  })

  app.post(
    '/api/session/totp',
    { schema: { response: { 200: TotpEnrolment, ...errors } } },
    async (request) => {
      const actor = await requireSession(pool, request)
      return startTotpEnrolment(pool, services.keyring, actor.userId)
    },
  )

  app.post(
    '/api/session/totp/confirm',
    { schema: { body: TotpCodeBody, response: { 200: RecoveryCodes, ...errors } } },
    async (request) => {
      const actor = await requireSession(pool, request)
      const token = request.cookies[SESSION_COOKIE] ?? ''
      return withTransaction(pool, async (tx) => {
        const codes = await confirmTotpEnrolment(tx, services.keyring, actor.userId, request.body.code)
        await completeEnrolment(tx, token)
        return codes
      })
    },
  )
}

function refuseCrossSite(request: FastifyRequest) {
  if (!isSameOrigin(request.headers.origin, request.headers.host)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Cross-site request refused')
  }
}

/** A throttled sign-in says when to try again. */
const retryAfter =
  (reply: FastifyReply) =>
  (error: unknown): never => {
    if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds))
    throw error
  }
