// The person behind a conversation: their address revealed to a supervisor (with a reason), and
// their rights of access (everything, as JSON) and erasure, for a coordinator. All audited.
import {
  decideRevealRequest,
  eraseContact,
  exportContact,
  listOwnRevealRequests,
  listRevealRequests,
  requestReveal,
  revealAddress,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ContactExport,
  ErasureDone,
  OwnRevealRequestList,
  ReasonBody,
  RevealedAddress,
  RevealRequestList,
  RevealRequestView,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const contactRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.post(
    '/api/conversations/:id/contact/reveal',
    { schema: { params: ById, body: ReasonBody, response: { 200: RevealedAddress, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      reply.header('cache-control', 'no-store')
      return withTransaction(pool, (tx, afterCommit) =>
        revealAddress({ tx, afterCommit, services }, actor, {
          conversationId: request.params.id,
          reason: request.body.reason,
        }),
      )
    },
  )

  // without a reason: everything but the addresses; with one (POST), the addresses too, under
  // the rules of a reveal
  const exportOf = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    because?: string,
  ) => {
    const actor = await requireActor(pool, request)
    const exported = await withTransaction(pool, (tx, afterCommit) =>
      exportContact({ tx, afterCommit, services }, actor, {
        conversationId: request.params.id,
        addressesBecause: because,
      }),
    )
    reply.header('cache-control', 'no-store')
    reply.header('content-disposition', `attachment; filename="persona-${exported.contact.pseudonym}.json"`)
    return exported
  }
  app.get(
    '/api/conversations/:id/contact/export',
    { schema: { params: ById, response: { 200: ContactExport, ...errors } } },
    (request, reply) => exportOf(request, reply),
  )
  app.post(
    '/api/conversations/:id/contact/export',
    { schema: { params: ById, body: ReasonBody, response: { 200: ContactExport, ...errors } } },
    (request, reply) => exportOf(request, reply, request.body.reason),
  )

  app.post(
    '/api/conversations/:id/contact/erase',
    { schema: { params: ById, body: ReasonBody, response: { 200: ErasureDone, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, async (tx, afterCommit) => {
        const erased = await eraseContact(tx, services.keyring, actor, {
          conversationId: request.params.id,
          reason: request.body.reason,
        })
        // every console of the helpline drops them from its queue and its open conversation
        const { helplineId, conversationIds } = erased
        afterCommit(() =>
          services.publisher.toConsoles(helplineId, 'conversation.removed', { conversationIds }),
        )
        return erased
      })
    },
  )

  app.post(
    '/api/conversations/:id/contact/reveal-requests',
    { schema: { params: ById, body: ReasonBody, response: { 201: RevealRequestView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const created = await withTransaction(pool, (tx, afterCommit) =>
        requestReveal({ tx, afterCommit, services }, actor, {
          conversationId: request.params.id,
          reason: request.body.reason,
        }),
      )
      return reply.status(201).send(created)
    },
  )

  // the asker's own requests for this conversation and where each stands (theirs alone)
  app.get(
    '/api/conversations/:id/contact/reveal-requests',
    { schema: { params: ById, response: { 200: OwnRevealRequestList, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      reply.header('cache-control', 'no-store')
      return { requests: await listOwnRevealRequests(pool, services.keyring, actor, request.params.id) }
    },
  )

  app.get(
    '/api/helplines/:id/reveal-requests',
    { schema: { params: ById, response: { 200: RevealRequestList, ...errors } } },
    async (request) => ({
      requests: await listRevealRequests(
        pool,
        services.keyring,
        await requireActor(pool, request),
        request.params.id,
      ),
    }),
  )

  for (const decision of ['approve', 'refuse'] as const) {
    app.post(
      `/api/reveal-requests/:id/${decision}`,
      { schema: { params: ById, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        const actor = await requireActor(pool, request)
        await withTransaction(pool, (tx, afterCommit) =>
          decideRevealRequest({ tx, afterCommit, services }, actor, {
            requestId: request.params.id,
            approve: decision === 'approve',
          }),
        )
        return reply.status(204).send(null)
      },
    )
  }
}
