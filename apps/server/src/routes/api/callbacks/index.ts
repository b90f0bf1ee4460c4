// Call-backs from the console: the list of voicemails (and cases) waiting for a call (every member sees it),
// and a try recorded: reached, not reachable (due again later), or done. Recording a try needs the
// role that may reveal the number (POST /api/conversations/:id/contact/reveal), and so call.
import { listCallbacks, markCallback } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { CallbackList, CallbackOutcomeBody, CallbackView, Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const ListQuery = Type.Object({ helplineId: Type.Optional(Uuid) }, { additionalProperties: false })

export const callbackRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/callbacks',
    {
      config: { policy: { access: 'staff', least: 'volunteer' } },
      schema: { querystring: ListQuery, response: { 200: CallbackList, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return listCallbacks(pool, actor, request.query.helplineId)
    },
  )

  app.post(
    '/api/callbacks/:id/outcome',
    {
      config: { policy: { access: 'staff', least: 'supervisor' } },
      schema: { params: ById, body: CallbackOutcomeBody, response: { 200: CallbackView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        markCallback({ tx, afterCommit, services }, actor, {
          callbackId: request.params.id,
          outcome: request.body.outcome,
        }),
      )
    },
  )
}
