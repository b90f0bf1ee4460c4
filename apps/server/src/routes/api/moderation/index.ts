// Moderation from the console: hide a message (not answered, with its category), block the
// person of a conversation, lift a block (supervisors).
import {
  blockContact,
  hideMessage,
  holdConversationContact,
  listLegalHolds,
  unblockContact,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  BlockBody,
  ConversationView,
  HideBody,
  LegalHoldBody,
  LegalHoldList,
  MessageView,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const moderationRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.post(
    '/api/messages/:id/hide',
    { schema: { params: ById, body: HideBody, response: { 200: MessageView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        hideMessage({ tx, afterCommit, services }, actor, request.params.id, request.body.reason),
      )
    },
  )

  app.post(
    '/api/conversations/:id/block',
    { schema: { params: ById, body: BlockBody, response: { 200: ConversationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        blockContact({ tx, afterCommit, services }, actor, {
          conversationId: request.params.id,
          ...request.body,
        }),
      )
    },
  )

  app.post(
    '/api/conversations/:id/unblock',
    { schema: { params: ById, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) => unblockContact({ tx }, actor, request.params.id))
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/conversations/:id/legal-hold',
    {
      schema: {
        params: ById,
        body: LegalHoldBody,
        response: {
          200: Type.Object({
            legalHoldAt: Type.Union([Type.String(), Type.Null()]),
            legalHoldUntil: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        holdConversationContact(tx, services.keyring, actor, {
          conversationId: request.params.id,
          ...request.body,
        }),
      )
    },
  )

  app.get(
    '/api/helplines/:id/legal-holds',
    { schema: { params: ById, response: { 200: LegalHoldList, ...errors } } },
    async (request) => listLegalHolds(pool, await requireActor(pool, request), request.params.id),
  )
}
