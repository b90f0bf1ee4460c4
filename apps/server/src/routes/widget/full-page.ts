// The chat as a page of its own, for a link the helpline shares (a bio, a QR code): /chat/<channel>.
// The address names no helpline and the title is only what the helpline chose ("Chat" by default),
// so the browser's history does not say where the person wrote. No referrer, not indexed. The
// report form ("Segnala") has its page the same way, /report/<channel>.
import { loadWidgetChannel, reportFormOf } from '@ascolto/core'
import { Uuid } from '@ascolto/protocol'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** `mode`: the widget's report form rather than the chat. */
export function fullPageHtml(input: { channelId: string; lang: string; title: string; mode?: 'report' }) {
  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<script src="/widget.js" data-ascolto-channel="${escapeHtml(input.channelId)}" data-ascolto-fullpage${input.mode ? ` data-ascolto-mode="${input.mode}"` : ''} async></script>
</body>
</html>
`
}

/**
 * The page of one mode of the widget: the chat (/chat/<channel>), or the report form
 * (/report/<channel>, routes/report) where the helpline has one.
 */
export const fullPageOf =
  (mode?: 'report'): FastifyPluginAsyncTypebox<AppContext> =>
  async (app, { pool }) => {
    app.get(
      mode ? `/${mode}/:channelId` : '/chat/:channelId',
      { schema: { params: Type.Object({ channelId: Uuid }) } },
      async (request, reply) => {
        const { channel, settings } = await loadWidgetChannel(pool, request.params.channelId)
        if (mode === 'report') reportFormOf(settings)
        reply.header('cache-control', 'no-store')
        return reply.type('text/html; charset=utf-8').send(
          fullPageHtml({
            channelId: channel.id,
            lang: settings.languages[0] ?? channel.locale,
            title: settings.widget?.pageTitle ?? 'Chat',
            mode,
          }),
        )
      },
    )
  }

export const fullPageChat = fullPageOf()
