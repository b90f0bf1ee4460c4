// Deny by default: every route declares who may call it, either in its own options
// (`config: { policy }`) or in the table below. A route with neither is refused at request time
// (403, naming this file), and the route × role test (route-policies.test.ts) fails for it.
// The policy is checked before the body is even parsed; the use-case then checks the helpline
// itself (another helpline's resource answers 404, as if it did not exist).
import { AscoltoError, type ConversationRead, recordConversationRead } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { Role } from '@ascolto/protocol'
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import { requireSession } from './auth.ts'

export type RoutePolicy =
  /** No session: the route proves who calls it another way (say how). */
  | { access: 'public'; why: string }
  /** Any signed-in operator, even one whose session may only set up a second factor. */
  | { access: 'session' }
  /** Staff with at least this role in some helpline; the use-case checks which helpline. */
  /** `audit`: the route reads a conversation's content, logged before the handler runs. */
  | { access: 'staff'; least: Role; audit?: ConversationRead }
  | { access: 'admin' }
  /** A mediator (mediation/): the use-case lets them reach only the conversations they are in now. */
  | { access: 'mediator' }

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy
  }
}

const staff = (least: Role = 'volunteer'): RoutePolicy => ({ access: 'staff', least })
const visitor: RoutePolicy = { access: 'public', why: 'a visitor, by their own token and the channel id' }
const provider: RoutePolicy = { access: 'public', why: "a provider, by the webhook's signature" }
const page: RoutePolicy = { access: 'public', why: 'a static page or script, no data' }

/** The routes of the modules whose files do not declare their own. */
export const routePolicies: Record<string, RoutePolicy> = {
  'GET /health': { access: 'public', why: 'a liveness probe, no data' },
  'GET /ready': { access: 'public', why: 'a readiness probe, no data' },
  'GET /': page,
  'GET /*': page,
  'GET /widget.js': page,
  'GET /widget-assets/*': page,
  'GET /demo': page,
  'GET /demo.css': page,
  'GET /webhooks/:kind/:channelId': provider,
  'POST /webhooks/:kind/:channelId': provider,
  'GET /api/session': { access: 'session' },
  'POST /api/session': { access: 'public', why: 'signing in: throttled per account and address' },
  'DELETE /api/session': { access: 'public', why: 'signing out ends whatever session the cookie names' },
  'POST /api/session/reauthenticate': { access: 'session' },
  'POST /api/session/totp': { access: 'session' },
  'POST /api/session/totp/confirm': { access: 'session' },
  'POST /api/session/recovery-codes': { access: 'session' },
  'POST /api/session/passkey-challenge': {
    access: 'public',
    why: "a sign-in's second step: the password again, throttled per account and address",
  },
  'GET /api/session/passkeys': { access: 'session' },
  'POST /api/session/passkeys/options': { access: 'session' },
  'POST /api/session/passkeys': { access: 'session' },
  'DELETE /api/session/passkeys/:id': { access: 'session' },
  'POST /api/invitations/lookup': {
    access: 'public',
    why: 'an invitee, by the single-use token of the link (256 random bits)',
  },
  'POST /api/invitations/accept': {
    access: 'public',
    why: 'an invitee, by the single-use token of the link',
  },
  'POST /api/password-reset/request': {
    access: 'public',
    why: 'anyone may ask: the same answer for any address, throttled per address and per client',
  },
  'POST /api/password-reset/lookup': {
    access: 'public',
    why: 'the holder of a reset link, by its single-use token (256 random bits)',
  },
  'POST /api/password-reset/complete': {
    access: 'public',
    why: 'the holder of a reset link, by its single-use token',
  },
  'GET /api/conversations': staff(),
  'GET /api/conversations/:id': { access: 'staff', least: 'volunteer', audit: 'conversation.read' },
  'POST /api/conversations/:id/take': staff(),
  'POST /api/conversations/:id/close': staff(),
  'POST /api/conversations/:id/messages': staff(),
  'POST /api/conversations/:id/redirects/:redirectId': staff(),
  // the assigned volunteer asks whether the person wants the survey (a text door sends none without)
  'POST /api/conversations/:id/survey-consent': staff(),
  'POST /api/messages/:id/hide': staff(),
  'POST /api/conversations/:id/block': staff(),
  'POST /api/conversations/:id/unblock': staff('supervisor'),
  'POST /api/conversations/:id/legal-hold': staff('supervisor'),
  'GET /api/helplines/:id/legal-holds': staff('supervisor'),
  // supervisors, or whoever holds an approved request where the helpline asks for one
  'POST /api/conversations/:id/contact/reveal': staff(),
  'POST /api/conversations/:id/contact/reveal-requests': staff(),
  // the asker's own requests only: the use-case reads no one else's
  'GET /api/conversations/:id/contact/reveal-requests': staff(),
  'GET /api/helplines/:id/reveal-requests': staff('supervisor'),
  'POST /api/reveal-requests/:id/approve': staff('supervisor'),
  'POST /api/reveal-requests/:id/refuse': staff('supervisor'),
  'GET /api/conversations/:id/contact/export': staff('coordinator'),
  // with the addresses, under the rules of a reveal (a reason, the approval where asked for)
  'POST /api/conversations/:id/contact/export': staff('coordinator'),
  'POST /api/conversations/:id/contact/erase': staff('coordinator'),
  'GET /api/helplines/:id/settings': staff(),
  'PUT /api/helplines/:id/settings': staff('coordinator'),
  'GET /api/helplines/:id/channels': staff('coordinator'),
  'GET /api/helplines/:id/preview': staff(),
  'POST /api/helplines/:id/preview': staff('coordinator'),
  'GET /api/helplines/:id/team': staff('coordinator'),
  'POST /api/helplines/:id/invitations': staff('coordinator'),
  'POST /api/helplines/:id/invitations/:invitationId/link': staff('coordinator'),
  'POST /api/helplines/:id/invitations/:invitationId/revoke': staff('coordinator'),
  'POST /api/helplines/:id/members/:userId/password-reset': staff('coordinator'),
  'PUT /api/helplines/:id/members/:userId/role': staff('coordinator'),
  'POST /api/helplines/:id/members/:userId/deactivate': staff('coordinator'),
  'POST /api/helplines/:id/members/:userId/sign-out': staff('coordinator'),
  'GET /api/helplines/:id/security': staff('coordinator'),
  'PUT /api/helplines/:id/security': staff('coordinator'),
  'GET /api/helplines/:id/audit': staff('coordinator'),
  'POST /api/conversations/:id/notes': staff(),
  'POST /api/conversations/:id/transfer': staff(),
  'POST /api/conversations/:id/help': staff(),
  'POST /api/conversations/:id/read': staff(),
  'GET /api/conversations/:id/flags': staff(),
  'POST /api/conversations/:id/flags': staff(),
  'POST /api/conversations/:id/risk-level': staff(),
  'GET /api/flags': staff(),
  'POST /api/flags/:id/acknowledge': staff(),
  'POST /api/flags/:id/steps/:stepId': staff(),
  'GET /api/messages/:id/media': staff(),
  'GET /api/helplines/:id/desk': staff(),
  'POST /api/helplines/:id/canned-replies': staff(),
  'PUT /api/canned-replies/:id': staff(),
  'DELETE /api/canned-replies/:id': staff(),
  'GET /calendar/:token': { access: 'public', why: "a calendar app, by the feed address's secret token" },
  'GET /chat/:channelId': page,
  'GET /api/widget/v1/channels/:channelId': visitor,
  'GET /api/widget/v1/channels/:channelId/messages': visitor,
  'POST /api/widget/v1/channels/:channelId/messages': visitor,
  'POST /api/widget/v1/channels/:channelId/end': visitor,
  'POST /api/widget/v1/channels/:channelId/survey': visitor,
  'PUT /api/widget/v1/channels/:channelId/language': visitor,
  'GET /report/:channelId': page,
  'GET /api/widget/v1/channels/:channelId/report': visitor,
  'GET /api/widget/v1/channels/:channelId/report/challenge': visitor,
  'POST /api/widget/v1/channels/:channelId/report': visitor,
  // the reporter, by their receipt code (wrong codes limited per address)
  'POST /api/widget/v1/channels/:channelId/report/thread': visitor,
  'POST /api/widget/v1/channels/:channelId/report/messages': visitor,
  'OPTIONS /api/widget/*': { access: 'public', why: "the widget's CORS preflight, no data" },
}

const rank: Record<Role, number> = { volunteer: 1, supervisor: 2, coordinator: 3 }

export const policyKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`

export function policyOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): RoutePolicy | undefined {
  const method = Array.isArray(route.method) ? route.method[0] : route.method
  return (
    (route.config as { policy?: RoutePolicy } | undefined)?.policy ??
    routePolicies[policyKey(String(method), route.url)]
  )
}

/** Checks the policy of a request; the actor it finds is kept for the handler's requireActor. */
export async function enforcePolicy(pool: Pool, request: FastifyRequest, policy: RoutePolicy | undefined) {
  if (!policy) {
    request.log.error({ route: request.routeOptions.url }, 'route without an authorisation policy')
    throw new AscoltoError(
      'ASCOLTO_ERR_FORBIDDEN',
      'This route declares no authorisation policy (apps/server/src/plugins/route-policies.ts)',
    )
  }
  if (policy.access === 'public') return
  const actor = await requireSession(pool, request)
  if (policy.access === 'session') return
  if (actor.enrolmentOnly) {
    throw new AscoltoError('ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT', 'Set up your second factor first')
  }
  if (policy.access === 'admin') {
    if (!actor.isAdmin) throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'This needs an administrator')
    return
  }
  if (policy.access === 'mediator') {
    if (!actor.mediatorOf?.size) throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'This is for mediators')
    return
  }
  // a mediator and nothing else: no staff route exists for them, as a conversation they are not in
  if (actor.roles.size === 0 && actor.mediatorOf?.size && !actor.isAdmin) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Not found')
  }
  if (![...actor.roles.values()].some((role) => rank[role] >= rank[policy.least])) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', `This needs the ${policy.least} role`)
  }
}

export type RegisteredRoute = {
  method: string
  url: string
  policy: RoutePolicy | undefined
  /** The names of its query parameters (the filters the SQL-metacharacter test walks). */
  query: string[]
  /** Its body's schema, if it takes one (the wall test makes a valid body from it). */
  body: unknown
}
const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>()

/** Every route the app registered, with its policy: what the route × role test walks. */
export const registeredRoutes = (app: FastifyInstance) => registered.get(app) ?? []

export function registerRoutePolicies(app: FastifyInstance, pool: Pool) {
  const routes: RegisteredRoute[] = []
  registered.set(app, routes)
  app.addHook('onRoute', (route) => {
    const policy = policyOf(route)
    const query = Object.keys(
      (route.schema?.querystring as { properties?: object } | undefined)?.properties ?? {},
    )
    for (const method of [route.method].flat())
      routes.push({ method: String(method), url: route.url, policy, query, body: route.schema?.body })
    const check = async (request: FastifyRequest) => enforcePolicy(pool, request, policy)
    route.onRequest = [check, ...(route.onRequest ? [route.onRequest].flat() : [])]
    if (policy?.access === 'staff' && policy.audit) {
      const action = policy.audit
      // after validation (the id is a uuid), before the handler reads anything
      const audit = async (request: FastifyRequest) => {
        const { id } = request.params as { id: string }
        await recordConversationRead(pool, await requireSession(pool, request), id, action)
      }
      route.preHandler = [audit, ...(route.preHandler ? [route.preHandler].flat() : [])]
    }
  })
}
