// Headers every response carries. The console's pages get a CSP without inline scripts; the API
// and the widget's script are never framed, sniffed or sent with a referrer.
import type { FastifyInstance } from 'fastify'

const consoleCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }) {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('cross-origin-opener-policy', 'same-origin')
    if (options.https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    if (!/^\/(?:api\/|widget\.js|widget-assets\/)/.test(request.url)) {
      reply.header('content-security-policy', consoleCsp)
    }
  })
}
