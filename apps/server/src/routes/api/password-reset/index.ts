// "Password dimenticata?": anyone asks for a link by e-mail (202 whatever the address, throttled
// alike); a coordinator issues one for a member of their helpline; the link's holder sees the
// address it is for and sets a new password, which ends the account's sessions.
import {
  completePasswordReset,
  describePasswordReset,
  issuePasswordReset,
  requestPasswordReset,
  ThrottledError,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  PasswordResetCompleteBody,
  PasswordResetIssued,
  PasswordResetLookupBody,
  PasswordResetPreview,
  PasswordResetRequestBody,
  Uuid,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { clientAddress, requireActor } from '../../../plugins/auth.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

const ByMember = Type.Object({ id: Uuid, userId: Uuid })
const gone = { 410: errors[404], 429: errors[404] }

const withRetryAfter = (reply: FastifyReply) => (error: unknown) => {
  if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds))
  throw error
}

export const passwordResetRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, services, config },
) => {
  const resetLink = (token: string) => `${config.publicUrl}/#/reset/${token}`

  app.post(
    '/api/password-reset/request',
    { schema: { body: PasswordResetRequestBody, response: { 202: Type.Null(), ...errors, ...gone } } },
    async (request, reply) => {
      await withTransaction(pool, (tx) =>
        requestPasswordReset(tx, services.keyring, {
          email: request.body.email,
          address: clientAddress(request),
          linkOf: resetLink,
        }),
      ).catch(withRetryAfter(reply))
      return reply.status(202).send(null)
    },
  )

  app.post(
    '/api/password-reset/lookup',
    {
      schema: { body: PasswordResetLookupBody, response: { 200: PasswordResetPreview, ...errors, ...gone } },
    },
    async (request) => describePasswordReset(pool, request.body.token),
  )

  app.post(
    '/api/password-reset/complete',
    {
      schema: {
        body: PasswordResetCompleteBody,
        response: { 200: PasswordResetPreview, ...errors, ...gone },
      },
    },
    async (request) => withTransaction(pool, (tx) => completePasswordReset(tx, request.body)),
  )

  app.post(
    '/api/helplines/:id/members/:userId/password-reset',
    { schema: { params: ByMember, response: { 201: PasswordResetIssued, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const { token, expiresAt } = await withTransaction(pool, (tx) =>
        issuePasswordReset(tx, actor, { helplineId: request.params.id, userId: request.params.userId }),
      )
      return reply.status(201).send({ link: resetLink(token), expiresAt })
    },
  )
}
