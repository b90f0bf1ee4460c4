// The helpline's canned replies: read by every member (the reply box offers them after a slash),
// written by its coordinators.
import { deleteCannedReply, findCannedReplyHelpline, helplineIdsOf, saveCannedReply } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { CannedReply, CannedReplyBody } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const cannedReplyRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.post(
    '/api/helplines/:id/canned-replies',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: CannedReplyBody, response: { 201: CannedReply, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const saved = await withTransaction(pool, (tx, afterCommit) =>
        saveCannedReply({ tx, afterCommit, services }, actor, {
          helplineId: request.params.id,
          body: request.body,
        }),
      )
      return reply.status(201).send(saved)
    },
  )

  app.put(
    '/api/canned-replies/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, body: CannedReplyBody, response: { 200: CannedReply, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, async (tx, afterCommit) => {
        const helplineId = await findCannedReplyHelpline(tx, helplineIdsOf(actor), request.params.id)
        return saveCannedReply({ tx, afterCommit, services }, actor, {
          helplineId,
          id: request.params.id,
          body: request.body,
        })
      })
    },
  )

  app.delete(
    '/api/canned-replies/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, async (tx, afterCommit) => {
        const helplineId = await findCannedReplyHelpline(tx, helplineIdsOf(actor), request.params.id)
        await deleteCannedReply({ tx, afterCommit, services }, actor, { helplineId, id: request.params.id })
      })
      return reply.status(204).send(null)
    },
  )
}
