// The account's passkeys: the options of a registration, the registration itself (which, in a
// session that may only set up a second factor, completes it), the list, a removal. All on the
// signed-in session's own account; its second step at sign-in is in index.ts.
import {
  finishPasskeyRegistration,
  listPasskeys,
  relyingPartyOf,
  removePasskey,
  requireRecentPassword,
  secondFactorState,
  startPasskeyRegistration,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  PasskeyAdded,
  PasskeyCreationOptions,
  RegisterPasskeyBody,
  SecondFactorsView,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireSession, SESSION_COOKIE } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const passkeyRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, config }) => {
  const rp = relyingPartyOf(config.publicUrl)
  const session = async (request: FastifyRequest) => ({
    userId: (await requireSession(pool, request)).userId,
    token: request.cookies[SESSION_COOKIE] ?? '',
  })

  app.get(
    '/api/session/passkeys',
    { schema: { response: { 200: SecondFactorsView, ...errors } } },
    async (request) => {
      const { userId } = await session(request)
      const { totp } = await secondFactorState(pool, userId)
      return { totp, passkeys: await listPasskeys(pool, userId) }
    },
  )

  // adding one needs the password proven lately in this session (operators/reauthentication.ts)
  const recentlyProven = async (request: FastifyRequest) => {
    const owner = await session(request)
    await requireRecentPassword(pool, owner.token)
    return owner
  }

  app.post(
    '/api/session/passkeys/options',
    { schema: { response: { 200: PasskeyCreationOptions, ...errors } } },
    async (request) => startPasskeyRegistration(pool, rp, await recentlyProven(request)),
  )

  app.post(
    '/api/session/passkeys',
    { schema: { body: RegisterPasskeyBody, response: { 201: PasskeyAdded, ...errors } } },
    async (request, reply) => {
      const owner = await recentlyProven(request)
      const added = await finishPasskeyRegistration(pool, rp, owner, request.body)
      request.log.info({ event: 'passkey_added' }, 'operator added a passkey')
      return reply.status(201).send(added)
    },
  )

  app.delete(
    '/api/session/passkeys/:id',
    { schema: { params: ById, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { userId } = await session(request)
      await withTransaction(pool, (tx) => removePasskey(tx, userId, request.params.id))
      return reply.status(204).send(null)
    },
  )
}
