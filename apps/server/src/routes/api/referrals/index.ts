// Referrals (docs/referrals.md): sent from a case or a conversation to another helpline of this
// installation or a partner without Ascolto, read and moved on by each side. The use-cases keep
// the wall (a referral is its two helplines' only: 404 for anyone else), consent and the states.
import {
  changeReferralState,
  createReferral,
  getReferral,
  listReferrals,
  listReferralTargets,
  previewReferral,
  recordReferralHandover,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  CreateReferralBody,
  ReferralHandoverBody,
  ReferralList,
  ReferralPreview,
  ReferralStateBody,
  ReferralTargets,
  ReferralView,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const ListQuery = Type.Object(
  { direction: Type.Union([Type.Literal('in'), Type.Literal('out')]) },
  { additionalProperties: false },
)

export const referralRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  const volunteer = { policy: staff('volunteer') }

  app.get(
    '/api/helplines/:id/referrals',
    {
      config: volunteer,
      schema: { params: ById, querystring: ListQuery, response: { 200: ReferralList, ...errors } },
    },
    async (request) =>
      listReferrals(pool, await requireActor(pool, request), {
        helplineId: request.params.id,
        direction: request.query.direction,
      }),
  )

  app.get(
    '/api/helplines/:id/referral-targets',
    { config: volunteer, schema: { params: ById, response: { 200: ReferralTargets, ...errors } } },
    async (request) => listReferralTargets(pool, await requireActor(pool, request), request.params.id),
  )

  // the packet as it will go, before sending: nothing stored, nothing revealed
  app.post(
    '/api/referrals/preview',
    {
      config: volunteer,
      schema: { body: CreateReferralBody, response: { 200: ReferralPreview, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        previewReferral({ tx, afterCommit, services }, actor, request.body),
      )
    },
  )

  app.post(
    '/api/referrals',
    { config: volunteer, schema: { body: CreateReferralBody, response: { 201: ReferralView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const view = await withTransaction(pool, (tx, afterCommit) =>
        createReferral({ tx, afterCommit, services }, actor, request.body),
      )
      return reply.status(201).send(view)
    },
  )

  app.get(
    '/api/referrals/:id',
    { config: volunteer, schema: { params: ById, response: { 200: ReferralView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        getReferral({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  app.post(
    '/api/referrals/:id/state',
    {
      config: volunteer,
      schema: { params: ById, body: ReferralStateBody, response: { 200: ReferralView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        changeReferralState({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/referrals/:id/handovers',
    {
      config: volunteer,
      schema: { params: ById, body: ReferralHandoverBody, response: { 200: ReferralView, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        recordReferralHandover({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )
}
