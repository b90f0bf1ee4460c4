// Signing in (password, then a code or a passkey when a second factor is set up), signing out,
// the password again before the second factors change, setting up the app's second factor and new
// recovery codes (passkeys: passkeys.ts). Sign-ins, and the passkey
// challenge of their second step, are throttled per account and per address (429 with Retry-After).
import {
  AscoltoError,
  actorForSession,
  completeEnrolment,
  confirmTotpEnrolment,
  describeSession,
  issueAuditedRecoveryCodes,
  reauthenticate,
  relyingPartyOf,
  renewRecoveryCodes,
  requireRecentPassword,
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
  ReauthenticateBody,
  RecoveryCodes,
  SessionView,
  SignInBody,
  TotpCodeBody,
  TotpConfirmed,
  TotpEnrolment,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
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

  /** The session's operator and token, once its password is recent enough to change their factors. */
  async function recentlyProven(request: FastifyRequest) {
    const { userId } = await requireSession(pool, request)
    const token = request.cookies[SESSION_COOKIE] ?? ''
    await requireRecentPassword(pool, token)
    return { userId, token }
  }

  app.post(
    '/api/session/reauthenticate',
    { schema: { body: ReauthenticateBody, response: { 204: Type.Null(), ...errors, 429: ErrorView } } },
    async (request, reply) => {
      const { userId } = await requireSession(pool, request)
      await reauthenticate(
        pool,
        { userId, token: request.cookies[SESSION_COOKIE] ?? '' },
        { password: request.body.password, address: clientAddress(request) },
      ).catch(retryAfter(reply))
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/session/totp',
    { schema: { response: { 200: TotpEnrolment, ...errors } } },
    async (request) => {
      const { userId } = await recentlyProven(request)
      return startTotpEnrolment(pool, services.keyring, userId)
    },
  )

  app.post(
    '/api/session/totp/confirm',
    { schema: { body: TotpCodeBody, response: { 200: TotpConfirmed, ...errors } } },
    async (request) => {
      const { userId, token } = await recentlyProven(request)
      return withTransaction(pool, async (tx) => {
        const { firstFactor } = await confirmTotpEnrolment(tx, services.keyring, userId, request.body.code)
        await completeEnrolment(tx, token)
        return firstFactor
          ? { recoveryCodes: await issueAuditedRecoveryCodes(tx, userId, 'first_factor') }
          : {}
      })
    },
  )

  app.post(
    '/api/session/recovery-codes',
    { schema: { response: { 200: RecoveryCodes, ...errors } } },
    async (request) => {
      const { userId } = await recentlyProven(request)
      request.log.info({ event: 'recovery_codes_renewed' }, 'operator asked for new recovery codes')
      return { recoveryCodes: await withTransaction(pool, (tx) => renewRecoveryCodes(tx, userId)) }
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
