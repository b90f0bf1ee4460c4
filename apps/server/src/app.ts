// Builds the HTTP application without listening: main.ts listens, tests call app.inject().
import fastifyCookie from '@fastify/cookie'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import ajvFormatsModule from 'ajv-formats'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context.ts'
import { registerErrorHandling } from './plugins/errors.ts'
import { registerFloodLimits } from './plugins/flood-limits.ts'
import { refuseNulCharacters } from './plugins/no-nul.ts'
import { registerRoutePolicies } from './plugins/route-policies.ts'
import { registerSecurityHeaders } from './plugins/security-headers.ts'
import { auditRoutes } from './routes/api/audit/index.ts'
import { availabilityRoutes } from './routes/api/availability/index.ts'
import { callbackRoutes } from './routes/api/callbacks/index.ts'
import { callRoutes } from './routes/api/calls/index.ts'
import { cannedReplyRoutes } from './routes/api/canned-replies/index.ts'
import { caseRoutes } from './routes/api/cases/index.ts'
import { contactLinkRoutes } from './routes/api/contact-links/index.ts'
import { contactRoutes } from './routes/api/contacts/index.ts'
import { conversationRoutes } from './routes/api/conversations/index.ts'
import { deskRoutes } from './routes/api/desk/index.ts'
import { directoryRoutes } from './routes/api/directory/index.ts'
import { helplineRoutes } from './routes/api/helplines/index.ts'
import { languageRoutes } from './routes/api/languages/index.ts'
import { mediaRoutes } from './routes/api/media/index.ts'
import { mediationRoutes } from './routes/api/mediation/index.ts'
import { moderationRoutes } from './routes/api/moderation/index.ts'
import { partnerRoutes } from './routes/api/partners/index.ts'
import { passwordResetRoutes } from './routes/api/password-reset/index.ts'
import { pastConversationRoutes } from './routes/api/past-conversations/index.ts'
import { referralRoutes } from './routes/api/referrals/index.ts'
import { reviewRoutes } from './routes/api/reviews/index.ts'
import { rotaRoutes } from './routes/api/rota/index.ts'
import { safeguardingRoutes } from './routes/api/safeguarding/index.ts'
import { sessionRoutes } from './routes/api/session/index.ts'
import { passkeyRoutes } from './routes/api/session/passkeys.ts'
import { statisticsChartRoutes } from './routes/api/statistics/charts.ts'
import { statisticsRoutes } from './routes/api/statistics/index.ts'
import { periodReportRoutes } from './routes/api/statistics/period-report.ts'
import { teamRoutes } from './routes/api/team/index.ts'
import { triageRoutes } from './routes/api/triage/index.ts'
import { healthRoutes } from './routes/health.ts'
import { partnerDoorRoutes } from './routes/partners/index.ts'
import { staticRoutes } from './routes/static.ts'
import { webhookRoutes } from './routes/webhooks/index.ts'
import { widgetRoutes } from './routes/widget/index.ts'

/** ajv-formats is CommonJS: its plugin is the module's `default`. */
const ajvFormats = ajvFormatsModule.default

/** A UUID as PostgreSQL reads it back, in any case. */
const PLAIN_UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i

/**
 * The formats Fastify adds (ajv-formats), with a UUID in its plain form only: ajv's also takes
 * 'urn:uuid:…', which PostgreSQL refuses (a 500 where a 400 is due). Named as ajv-formats' plugin
 * is, so Fastify does not add that plugin again over this one.
 */
function formatsPlugin(ajv: Parameters<typeof ajvFormats>[0]) {
  return ajvFormats(ajv).addFormat('uuid', PLAIN_UUID)
}

export async function buildApp(context: AppContext, logger: FastifyBaseLogger) {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 64 * 1024,
    // whose X-Forwarded-For to believe: the sign-in throttle counts per client address
    trustProxy: context.config.trustProxy,
    // the operators' console and the widget send ids, never an object, where an id is expected
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false },
      plugins: [formatsPlugin],
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandling(app)
  refuseNulCharacters(app)
  registerSecurityHeaders(app, { https: context.config.publicUrl.startsWith('https://') })
  await app.register(fastifyCookie)
  await registerFloodLimits(app, context.config.trustProxy)
  // before any route: each is checked against its authorisation policy (deny by default)
  registerRoutePolicies(app, context.pool)
  await app.register(healthRoutes, context)
  await app.register(sessionRoutes, context)
  await app.register(callRoutes, context)
  await app.register(passkeyRoutes, context)
  await app.register(conversationRoutes, context)
  await app.register(pastConversationRoutes, context)
  await app.register(moderationRoutes, context)
  await app.register(helplineRoutes, context)
  await app.register(mediaRoutes, context)
  await app.register(cannedReplyRoutes, context)
  await app.register(directoryRoutes, context)
  await app.register(referralRoutes, context)
  await app.register(partnerRoutes, context)
  await app.register(partnerDoorRoutes, context)
  await app.register(languageRoutes, context)
  await app.register(deskRoutes, context)
  await app.register(availabilityRoutes, context)
  await app.register(safeguardingRoutes, context)
  await app.register(mediationRoutes, context)
  await app.register(triageRoutes, context)
  await app.register(reviewRoutes, context)
  await app.register(teamRoutes, context)
  await app.register(passwordResetRoutes, context)
  await app.register(auditRoutes, context)
  await app.register(statisticsRoutes, context)
  await app.register(statisticsChartRoutes, context)
  await app.register(periodReportRoutes, context)
  await app.register(rotaRoutes, context)
  await app.register(contactRoutes, context)
  await app.register(widgetRoutes, context)
  await app.register(callbackRoutes, context)
  await app.register(caseRoutes, context)
  await app.register(contactLinkRoutes, context)
  await app.register(webhookRoutes, context)
  await app.register(staticRoutes, context)
  return app
}
