// Cultural mediators in written conversations: the staff ask for one and remove them; the mediator
// reads their desk, joins, reads and writes in the conversations they are in, and nothing else.
import {
  describeMediatorDesk,
  getConversationMediation,
  joinMediation,
  readMediatedConversation,
  removeMediator,
  requestMediator,
  setMediatorTitle,
  writeAsMediator,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ConversationMediation,
  MediatedConversation,
  MediatedMessage,
  MediationView,
  MediatorDesk,
  MediatorMessageBody,
  MediatorTitleBody,
  RequestMediatorBody,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { requireActor } from '../../../plugins/auth.ts'
import type { RoutePolicy } from '../../../plugins/route-policies.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

const mediator: RoutePolicy = { access: 'mediator' }

export const mediationRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/conversations/:id/mediation',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, response: { 200: ConversationMediation, ...errors } },
    },
    async (request) => getConversationMediation(pool, await requireActor(pool, request), request.params.id),
  )

  app.post(
    '/api/conversations/:id/mediation',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, body: RequestMediatorBody, response: { 201: MediationView, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const view = await withTransaction(pool, (tx, afterCommit) =>
        requestMediator({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(view)
    },
  )

  app.delete(
    '/api/conversations/:id/mediation',
    {
      config: { policy: staff('volunteer') },
      schema: { params: ById, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      await withTransaction(pool, (tx, afterCommit) =>
        removeMediator({ tx, afterCommit, services }, actor, request.params.id),
      )
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/mediation',
    { config: { policy: mediator }, schema: { response: { 200: MediatorDesk, ...errors } } },
    async (request) => describeMediatorDesk(pool, await requireActor(pool, request)),
  )

  app.put(
    '/api/mediation/title',
    {
      config: { policy: mediator },
      schema: { body: MediatorTitleBody, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await setMediatorTitle(pool, await requireActor(pool, request), request.body.title)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/mediation/requests/:id/join',
    {
      config: { policy: mediator },
      schema: { params: ById, response: { 200: Type.Object({ conversationId: Type.String() }), ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        joinMediation({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  // every read is audited by the use-case, inside the wall it checks (the mediator's own conversations)
  app.get(
    '/api/mediation/conversations/:id',
    {
      config: { policy: mediator },
      schema: { params: ById, response: { 200: MediatedConversation, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx) => readMediatedConversation(tx, services, actor, request.params.id))
    },
  )

  app.post(
    '/api/mediation/conversations/:id/messages',
    {
      config: { policy: mediator },
      schema: { params: ById, body: MediatorMessageBody, response: { 201: MediatedMessage, ...errors } },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const message = await withTransaction(pool, (tx, afterCommit) =>
        writeAsMediator({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
      return reply.status(201).send(message)
    },
  )
}
