// The web chat's door: the widget on the helpline's site talks to these routes. No cookies: the
// visitor is whoever holds the token the widget made, sent as a bearer token. Nothing is cached.

import { webchatAdapter, widgetProviderMessageId } from '@ascolto/channels'
import {
  findChannel,
  ingestInboundMessage,
  loadHelplineSettings,
  previewRules,
  visitorTranscript,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import {
  ErrorView,
  Uuid,
  WidgetInfo,
  WidgetMessage,
  WidgetMessageBody,
  WidgetTranscript,
} from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'

const ByChannel = Type.Object({ channelId: Uuid })
const VisitorHeaders = Type.Object({ authorization: Type.String({ pattern: '^Bearer [A-Za-z0-9_-]{43}$' }) })
const errors = { 400: ErrorView, 404: ErrorView, 413: ErrorView }

const tokenOf = (authorization: string) => authorization.slice('Bearer '.length)

export const widgetRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool, services }) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    // the widget runs on the helpline's own site: any origin may call, never with cookies
    reply.header('access-control-allow-origin', '*')
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST')
      reply.header('access-control-allow-headers', 'authorization, content-type')
      reply.header('access-control-max-age', '600')
      return reply.status(204).send()
    }
  })
  app.options('/api/widget/*', async () => undefined)

  app.get(
    '/api/widget/v1/channels/:channelId',
    { schema: { params: ByChannel, response: { 200: WidgetInfo, ...errors } } },
    async (request) => {
      const channel = await findChannel(pool, request.params.channelId, webchatAdapter.kind)
      const settings = await loadHelplineSettings(pool, channel.helplineId)
      const rules = previewRules(settings, services.clock(), { firstMessageEver: false })
      return {
        helplineName: channel.helplineName,
        locale: channel.locale,
        open: rules.open,
        nextOpening: rules.open ? null : rules.nextOpening?.phrase || null,
      }
    },
  )

  app.get(
    '/api/widget/v1/channels/:channelId/messages',
    {
      schema: { params: ByChannel, headers: VisitorHeaders, response: { 200: WidgetTranscript, ...errors } },
    },
    async (request) => {
      const channel = await findChannel(pool, request.params.channelId, webchatAdapter.kind)
      return {
        messages: await visitorTranscript(
          pool,
          services.keyring,
          channel,
          tokenOf(request.headers.authorization),
        ),
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
    },
    async (request, reply) => {
      const channel = await findChannel(pool, request.params.channelId, webchatAdapter.kind)
      const token = tokenOf(request.headers.authorization)
      const { clientId, text } = request.body
      const result = await withTransaction(pool, (tx, afterCommit) =>
        ingestInboundMessage({ tx, afterCommit, services }, channel, {
          providerMessageId: widgetProviderMessageId(token, clientId),
          from: token,
          receivedAt: new Date(),
          kind: 'text',
          text,
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
      })
    },
  )
}
