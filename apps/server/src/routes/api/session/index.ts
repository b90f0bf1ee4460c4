import { AscoltoError, actorForSession, describeSession, signIn, signOut } from '@ascolto/core'
import { ErrorView, SessionView, SignInBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../../../context.ts'
import { cookieOptions, isSameOrigin, requireActor, SESSION_COOKIE } from '../../../plugins/auth.ts'

export const sessionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, config }) => {
  const secure = config.publicUrl.startsWith('https://')

  app.get('/api/session', { schema: { response: { 200: SessionView, 401: ErrorView } } }, async (request) =>
    describeSession(pool, await requireActor(pool, request)),
  )

  app.post(
    '/api/session',
    { schema: { body: SignInBody, response: { 200: SessionView, 401: ErrorView } } },
    async (request, reply) => {
      if (!isSameOrigin(request.headers.origin, request.headers.host)) {
        throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Cross-site request refused')
      }
      // a fresh token at every sign-in: a session id planted before cannot be reused
      const previous = request.cookies[SESSION_COOKIE]
      if (previous) await signOut(pool, previous)
      const { token } = await signIn(pool, request.body.email, request.body.password)
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure))
      request.log.info({ event: 'sign_in' }, 'operator signed in')
      const actor = await actorForSession(pool, token)
      if (!actor) throw new Error('A session just made was not found')
      return describeSession(pool, actor)
    },
  )

  app.delete('/api/session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await signOut(pool, token)
    reply.clearCookie(SESSION_COOKIE, cookieOptions(secure))
    return reply.status(204).send()
  })
}
