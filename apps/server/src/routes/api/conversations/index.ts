import {
  addNote,
  askSurveyConsent,
  closeConversation,
  getConversation,
  listContactHistory,
  listConversations,
  markConversationRead,
  recordPreviewsRead,
  requestSupervisor,
  sendRedirect,
  sendReply,
  takeConversation,
  transferConversation,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  CloseBody,
  ContactHistory,
  ConversationDetail,
  ConversationList,
  ConversationView,
  MessageView,
  QueueQuery,
  ReplyBody,
  TransferBody,
  Uuid,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { followOnConsoleSocket, requireActor } from '../../../plugins/auth.ts'
import { staff } from '../desk/policy.ts'
import { ById, errorResponses as errors } from '../shared-schemas.ts'

export const conversationRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.get(
    '/api/conversations',
    { schema: { querystring: QueueQuery, response: { 200: ConversationList, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      const conversations = await listConversations({ tx: pool, services }, actor, request.query)
      await recordPreviewsRead(pool, actor, conversations)
      return { conversations }
    },
  )

  app.get(
    '/api/conversations/:id',
    { schema: { params: ById, response: { 200: ConversationDetail, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      const detail = await getConversation({ tx: pool, services }, actor, request.params.id)
      await followOnConsoleSocket(request, services, detail.conversation.id)
      return detail
    },
  )

  app.post(
    '/api/conversations/:id/take',
    { schema: { params: ById, response: { 200: ConversationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        takeConversation({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  app.post(
    '/api/conversations/:id/close',
    { schema: { params: ById, body: CloseBody, response: { 200: ConversationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        closeConversation({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/conversations/:id/messages',
    { schema: { params: ById, body: ReplyBody, response: { 201: MessageView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const message = await withTransaction(pool, (tx, afterCommit) =>
        sendReply({ tx, afterCommit, services }, actor, request.params.id, request.body.text),
      )
      return reply.status(201).send(message)
    },
  )

  app.post(
    '/api/conversations/:id/redirects/:redirectId',
    {
      schema: {
        params: Type.Object({ id: Uuid, redirectId: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
        response: { 201: MessageView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const { id, redirectId } = request.params
      const message = await withTransaction(pool, (tx, afterCommit) =>
        sendRedirect({ tx, afterCommit, services }, actor, id, redirectId),
      )
      return reply.status(201).send(message)
    },
  )

  app.post(
    '/api/conversations/:id/survey-consent',
    { schema: { params: ById, response: { 201: MessageView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const question = await withTransaction(pool, (tx, afterCommit) =>
        askSurveyConsent({ tx, afterCommit, services }, actor, request.params.id),
      )
      return reply.status(201).send(question)
    },
  )

  app.post(
    '/api/conversations/:id/notes',
    { schema: { params: ById, body: ReplyBody, response: { 201: MessageView, ...errors } } },
    async (request, reply) => {
      const actor = await requireActor(pool, request)
      const note = await withTransaction(pool, (tx, afterCommit) =>
        addNote({ tx, afterCommit, services }, actor, request.params.id, request.body.text),
      )
      return reply.status(201).send(note)
    },
  )

  app.post(
    '/api/conversations/:id/transfer',
    {
      schema: {
        params: ById,
        body: TransferBody,
        response: { 200: Type.Object({ conversation: ConversationView, note: MessageView }), ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        transferConversation({ tx, afterCommit, services }, actor, request.params.id, request.body),
      )
    },
  )

  app.post(
    '/api/conversations/:id/help',
    { schema: { params: ById, response: { 200: ConversationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        requestSupervisor({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  app.post(
    '/api/conversations/:id/read',
    { schema: { params: ById, response: { 200: ConversationView, ...errors } } },
    async (request) => {
      const actor = await requireActor(pool, request)
      return withTransaction(pool, (tx, afterCommit) =>
        markConversationRead({ tx, afterCommit, services }, actor, request.params.id),
      )
    },
  )

  app.get(
    '/api/conversations/:id/history',
    {
      config: { policy: staff('volunteer', 'conversation.history.read') },
      schema: { params: ById, response: { 200: ContactHistory, ...errors } },
    },
    async (request) => {
      const actor = await requireActor(pool, request)
      return listContactHistory({ tx: pool, services }, actor, request.params.id)
    },
  )
}
