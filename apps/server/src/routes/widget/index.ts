// The web chat's door: the widget on the helpline's site talks to these routes. No cookies: the
// visitor is whoever holds the token the widget made, sent as a bearer token. Nothing is cached,
// and only the sites a helpline lists may call (any site when it lists none). A flood is slowed
// per address, per visitor, and in the new chats one address may start (plugins/flood-limits.ts).

import {
  chooseWidgetLanguage,
  describeWidget,
  endConversationByVisitor,
  loadWidgetChannel,
  receiveWidgetMessage,
  recordSurveyAnswers,
  surveyDueFor,
  visitorAttended,
  visitorKnown,
  visitorTranscript,
  type WidgetChannel,
  widgetOriginAllowed,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ErrorView,
  Uuid,
  WidgetEnded,
  WidgetInfo,
  WidgetLanguageBody,
  WidgetLanguageSet,
  WidgetMessage,
  WidgetMessageBody,
  WidgetSurveyBody,
  WidgetSurveyRecorded,
  WidgetTranscript,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { countedFloodCheck, FLOOD_LIMITS, floodCheck } from '../../plugins/flood-limits.ts'
import { reportRoutes } from '../report/index.ts'
import { fullPageChat } from './full-page.ts'
import { resumeRoutes } from './resume.ts'

const ByChannel = Type.Object({ channelId: Uuid })
const VisitorHeaders = Type.Object({ authorization: Type.String({ pattern: '^Bearer [A-Za-z0-9_-]{43}$' }) })
const errors = { 400: ErrorView, 403: ErrorView, 404: ErrorView, 413: ErrorView, 429: ErrorView }
const API_PATH =
  /^\/api\/widget\/v1\/channels\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i

const tokenOf = (authorization: string) => authorization.slice('Bearer '.length)

export const widgetRoutes: FastifyPluginAsyncTypebox<AppContext> = async (
  app,
  { pool, services, config },
) => {
  // Loaded once per request by the origin check, then used by the handler.
  const loaded = new WeakMap<FastifyRequest, WidgetChannel>()
  const widgetChannel = async (request: FastifyRequest, channelId: string) =>
    loaded.get(request) ?? loadWidgetChannel(pool, channelId)
  const publicOrigin = new URL(config.publicUrl).origin
  const perVisitor = floodCheck(
    app,
    FLOOD_LIMITS.widgetPerVisitor,
    (request) => `${request.url}:${request.headers.authorization}`,
  )
  const newVisitors = countedFloodCheck(app, FLOOD_LIMITS.newVisitorsPerAddress)

  // first, before the channel is looked up for the origin check
  app.addHook('onRequest', floodCheck(app, FLOOD_LIMITS.widgetPerAddress))
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const channelId = API_PATH.exec(request.url)?.[1]
    if (!channelId) return
    const origin = request.headers.origin
    const found = await loadWidgetChannel(pool, channelId).catch(() => undefined)
    if (found) {
      loaded.set(request, found)
      const own = [publicOrigin, `${request.protocol}://${request.host}`]
      if (!widgetOriginAllowed(found.settings, origin, own)) {
        return reply
          .status(403)
          .send({ code: 'ASCOLTO_ERR_FORBIDDEN', message: 'This site may not carry the chat' })
      }
    }
    // Never with cookies; a helpline that lists its sites gets its own origin echoed, not `*`.
    const listed = found?.settings.widget?.allowedOrigins
    reply.header('access-control-allow-origin', listed && origin ? origin : '*')
    if (listed) reply.header('vary', 'Origin')
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, PUT')
      reply.header('access-control-allow-headers', 'authorization, content-type')
      reply.header('access-control-max-age', '600')
      return reply.status(204).send()
    }
  })
  app.options('/api/widget/*', async () => undefined)

  app.get(
    '/api/widget/v1/channels/:channelId',
    { schema: { params: ByChannel, response: { 200: WidgetInfo, ...errors } } },
    async (request) =>
      describeWidget(await widgetChannel(request, request.params.channelId), services.clock()),
  )

  app.get(
    '/api/widget/v1/channels/:channelId/messages',
    {
      schema: { params: ByChannel, headers: VisitorHeaders, response: { 200: WidgetTranscript, ...errors } },
    },
    async (request) => {
      const found = await widgetChannel(request, request.params.channelId)
      const token = tokenOf(request.headers.authorization)
      const due = await surveyDueFor(pool, services, found, token)
      return {
        messages: await visitorTranscript(pool, services.keyring, found.channel, token),
        surveyDue: due !== null && !due.answered,
        attended: await visitorAttended(pool, services.keyring, found.channel, token, services.clock()),
      }
    },
  )

  app.post(
    '/api/widget/v1/channels/:channelId/messages',
    {
      bodyLimit: 32 * 1024,
      schema: {
        params: ByChannel,
        headers: VisitorHeaders,
        body: WidgetMessageBody,
        response: { 200: WidgetMessage, 201: WidgetMessage, ...errors },
      },
      preHandler: perVisitor,
    },
    async (request, reply) => {
      const found = await widgetChannel(request, request.params.channelId)
      const token = tokenOf(request.headers.authorization)
      await newVisitors(
        request,
        reply,
        async () => !(await visitorKnown(pool, services.keyring, found.channel, token)),
      )
      const { clientId, text, prechat, language } = request.body
      const result = await withTransaction(pool, (tx, afterCommit) =>
        receiveWidgetMessage({ tx, afterCommit, services }, found, {
          token,
          clientId,
          text,
          prechat,
          language,
        }),
      )
      request.log.info({ conversationId: result.conversationId, outcome: result.outcome }, 'widget message')
      // a blocked person is not told: their message looks sent, like any other
      return reply.status(result.outcome === 'duplicate' ? 200 : 201).send({
        id: result.messageId,
        clientId,
        direction: 'inbound',
        text,
        createdAt: result.createdAt.toISOString(),
        fromLine: false,
      })
    },
  )

  // "End chat" and quick exit: the person closes their conversation; sent with keepalive, so it
  // also arrives when the page is being replaced.
  app.post(
    '/api/widget/v1/channels/:channelId/end',
    { schema: { params: ByChannel, headers: VisitorHeaders, response: { 200: WidgetEnded, ...errors } } },
    async (request) => {
      const { channel } = await widgetChannel(request, request.params.channelId)
      const result = await withTransaction(pool, (tx, afterCommit) =>
        endConversationByVisitor(
          { tx, afterCommit, services },
          channel,
          tokenOf(request.headers.authorization),
        ),
      )
      request.log.info({ ended: result.ended }, 'widget chat ended by the person')
      return result
    },
  )

  // The person switched the widget's language during the conversation.
  app.put(
    '/api/widget/v1/channels/:channelId/language',
    {
      bodyLimit: 1024,
      schema: {
        params: ByChannel,
        headers: VisitorHeaders,
        body: WidgetLanguageBody,
        response: { 200: WidgetLanguageSet, ...errors },
      },
      preHandler: perVisitor,
    },
    async (request) => {
      const found = await widgetChannel(request, request.params.channelId)
      const result = await withTransaction(pool, (tx, afterCommit) =>
        chooseWidgetLanguage(
          { tx, afterCommit, services },
          found,
          tokenOf(request.headers.authorization),
          request.body.language,
        ),
      )
      request.log.info({ changed: result.changed }, 'widget language chosen')
      return result
    },
  )

  // The survey after the conversation closed: answers, or an empty set when the person skipped it.
  app.post(
    '/api/widget/v1/channels/:channelId/survey',
    {
      bodyLimit: 4 * 1024,
      schema: {
        params: ByChannel,
        headers: VisitorHeaders,
        body: WidgetSurveyBody,
        response: { 200: WidgetSurveyRecorded, 409: ErrorView, ...errors },
      },
    },
    async (request) => {
      const found = await widgetChannel(request, request.params.channelId)
      const result = await withTransaction(pool, (tx) =>
        recordSurveyAnswers({ tx, services }, found, tokenOf(request.headers.authorization), request.body),
      )
      request.log.info({ answers: Object.keys(request.body.answers).length }, 'widget survey answered')
      return result
    },
  )

  await app.register(resumeRoutes, { pool, services, config, widgetChannel })
  await app.register(fullPageChat, { pool, services, config })
  await app.register(reportRoutes, { pool, services, config, widgetChannel })
}
