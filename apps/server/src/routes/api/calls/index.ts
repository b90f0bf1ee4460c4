// The phone from the console: the signed-in operator's own phone, where the helplines' calls ring
// (sealed; only its owner reads or changes it), who of a helpline is on a call now, the helpline's
// list of mediators (numbers to coordinators only), and a mediator called into a live call or let go.
import {
  addCallMediator,
  dismissCallMediator,
  listCallMediators,
  listLiveCalls,
  readOwnPhone,
  removeCallMediator,
  saveCallMediator,
  setOwnPhone,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  AddCallMediator,
  CallMediator,
  CallMediatorInput,
  CallMediators,
  LiveCalls,
  OwnPhone,
  Uuid,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { errorResponses as errors } from '../shared-schemas.ts'

const LiveQuery = Type.Object({ helplineId: Uuid }, { additionalProperties: false })
const ById = Type.Object({ id: Uuid })
const ByCall = Type.Object({ messageId: Uuid })
const ByParticipant = Type.Object({ messageId: Uuid, participantId: Uuid })
const Added = Type.Object({ participantId: Uuid })
const Done = Type.Object({ ok: Type.Literal(true) })

export const callRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/account/phone',
    { config: { policy: staff('volunteer') }, schema: { response: { 200: OwnPhone, ...errors } } },
    async (request) => ({ phone: await readOwnPhone(pool, services, await requireActor(pool, request)) }),
  )

  app.put(
    '/api/account/phone',
    {
      config: { policy: staff('volunteer') },
      schema: { body: OwnPhone, response: { 200: OwnPhone, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      const phone = await withTransaction(pool, (tx) => setOwnPhone(tx, services, actor, request.body.phone))
      return { phone }
    },
  )

  app.get(
    '/api/calls/live',
    {
      config: { policy: staff('volunteer') },
      schema: { querystring: LiveQuery, response: { 200: LiveCalls, ...errors } },
    },
    async (request) =>
      listLiveCalls(pool, services, await requireActor(pool, request), request.query.helplineId),
  )

  app.get(
    '/api/call-mediators',
    {
      config: { policy: staff('volunteer') },
      schema: { querystring: LiveQuery, response: { 200: CallMediators, ...errors } },
    },
    async (request) => ({
      mediators: await listCallMediators(
        pool,
        services,
        await requireActor(pool, request),
        request.query.helplineId,
      ),
    }),
  )

  app.post(
    '/api/call-mediators',
    {
      config: { policy: staff('coordinator') },
      schema: { querystring: LiveQuery, body: CallMediatorInput, response: { 200: CallMediator, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        saveCallMediator(tx, services, actor, request.query.helplineId, null, request.body),
      )
    },
  )

  app.put(
    '/api/call-mediators/:id',
    {
      config: { policy: staff('coordinator') },
      schema: {
        params: ById,
        querystring: LiveQuery,
        body: CallMediatorInput,
        response: { 200: CallMediator, ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) =>
        saveCallMediator(tx, services, actor, request.query.helplineId, request.params.id, request.body),
      )
    },
  )

  app.delete(
    '/api/call-mediators/:id',
    {
      config: { policy: staff('coordinator') },
      schema: { params: ById, querystring: LiveQuery, response: { 200: Done, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx) =>
        removeCallMediator(tx, actor, request.query.helplineId, request.params.id),
      )
      return { ok: true as const }
    },
  )

  app.post(
    '/api/calls/:messageId/mediators',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ByCall, body: AddCallMediator, response: { 200: Added, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        addCallMediator(
          { tx, afterCommit, services },
          actor,
          request.params.messageId,
          request.body.mediatorId,
        ),
      )
    },
  )

  app.delete(
    '/api/calls/:messageId/mediators/:participantId',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ByParticipant, response: { 200: Done, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx, afterCommit) =>
        dismissCallMediator(
          { tx, afterCommit, services },
          actor,
          request.params.messageId,
          request.params.participantId,
        ),
      )
      return { ok: true as const }
    },
  )
}
