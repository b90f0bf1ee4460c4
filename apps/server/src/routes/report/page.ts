// The report form as a page of its own (/report/<channel>): the widget's report mode filling the
// page, as /chat/<channel> does for the chat; the address and the title name no helpline.
import { loadWidgetChannel, reportFormOf } from '@ascolto/core'
import { Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { fullPageHtml } from '../widget/full-page.ts'

export const reportPage: FastifyPluginAsyncTypebox<AppContext> = async (app, { pool }) => {
  app.get(
    '/report/:channelId',
    { schema: { params: Type.Object({ channelId: Uuid }) } },
    async (request, reply) => {
      const { channel, settings } = await loadWidgetChannel(pool, request.params.channelId)
      reportFormOf(settings)
      reply.header('cache-control', 'no-store')
      return reply.type('text/html; charset=utf-8').send(
        fullPageHtml({
          channelId: channel.id,
          lang: settings.languages[0] ?? channel.locale,
          title: settings.widget?.pageTitle ?? 'Chat',
          mode: 'report',
        }),
      )
    },
  )
}
