// Safeguarding flags: raised in a conversation by whoever reads it, acknowledged by a supervisor,
// followed through the helpline's escalation playbook.
import {
  acknowledgeFlag,
  listConversationFlags,
  listOpenFlagAlerts,
  raiseFlag,
  tickPlaybookStep,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { FlagAlertList, FlagList, FlagView, RaiseFlagBody, TickStepBody, Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const safeguardingRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/conversations/:id/flags',
    {
      config: { policy: staff('volunteer', 'conversation.flags.read') },
      schema: { params: ById, response: { 200: FlagList, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return { flags: await listConversationFlags({ tx: pool, services }, actor, request.params.id) }
    },
  )

  app.post(
    '/api/conversations/:id/flags',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, body: RaiseFlagBody, response: { 201: FlagView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const flag = await withTransaction(pool, (tx, afterCommit) =>
        raiseFlag({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(flag)
    },
  )

  /** What a supervisor's console alerts about when it opens: every flag not yet acknowledged. */
  app.get(
    '/api/flags',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: FlagAlertList, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return { flags: await listOpenFlagAlerts(pool, actor) }
    },
  )

  app.post(
    '/api/flags/:id/acknowledge',
    {
      config: { policy: staff('supervisor') },
      schema: { params: ById, response: { 200: FlagView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        acknowledgeFlag({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  app.post(
    '/api/flags/:id/steps/:stepId',
    {
      config: { policy: staff('volunteer') },
      schema: {
        params: Type.Object({ id: Uuid, stepId: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
        body: TickStepBody,
        response: { 200: FlagView, ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const { id, stepId } = request.params
      return withTransaction(pool, (tx) =>
        tickPlaybookStep({ tx, services }, actor, id, stepId, request.body),
      )
    },
  )
}
