// Deny by default, walked for real: every route the app registers (collected by its onRoute
// hook) × every role (anonymous, volunteer, supervisor, coordinator, admin, mediator) is called,
// and the answer must be what the route's policy says; a mediator finds no staff route (404).
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '@ascolto/config'
import { createUser } from '@ascolto/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { connectConsole, connectWidget } from '../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  visitorToken,
} from '../testing/test-server.ts'
import { registerErrorHandling } from './errors.ts'
import { type RoutePolicy, registeredRoutes, registerRoutePolicies } from './route-policies.ts'

type Who = 'anonymous' | 'volunteer' | 'supervisor' | 'coordinator' | 'admin' | 'mediator'
const rank = { volunteer: 1, supervisor: 2, coordinator: 3 } as const

/** What each policy lets in: the table the answers are checked against. */
function admits(policy: RoutePolicy, who: Who) {
  if (policy.access === 'public') return true
  if (who === 'anonymous') return false
  if (policy.access === 'session') return true
  if (policy.access === 'admin') return who === 'admin'
  if (policy.access === 'mediator') return who === 'mediator'
  return who !== 'admin' && who !== 'mediator' && rank[who] >= rank[policy.least]
}

// Any change to this list is a decision about who may call a route without signing in.
const PUBLIC_ROUTES = [
  'DELETE /api/session',
  'GET /',
  'GET /*',
  'GET /api/widget/v1/channels/:channelId',
  'GET /api/widget/v1/channels/:channelId/messages',
  'GET /api/widget/v1/channels/:channelId/report',
  'GET /api/widget/v1/channels/:channelId/report/challenge',
  'GET /calendar/:token',
  'GET /chat/:channelId',
  'GET /demo',
  'GET /demo.css',
  'GET /health',
  'GET /ready',
  'GET /report/:channelId',
  'GET /webhooks/:kind/:channelId',
  'GET /widget-assets/*',
  'GET /widget.js',
  'OPTIONS /api/widget/*',
  'POST /api/invitations/accept',
  'POST /api/invitations/lookup',
  'POST /api/partners/v1/helplines/:helplineId/referrals',
  'POST /api/partners/v1/helplines/:helplineId/referrals/:referralId/state',
  'POST /api/password-reset/complete',
  'POST /api/password-reset/lookup',
  'POST /api/password-reset/request',
  'POST /api/session',
  'POST /api/session/passkey-challenge',
  'POST /api/widget/v1/channels/:channelId/end',
  'POST /api/widget/v1/channels/:channelId/messages',
  'POST /api/widget/v1/channels/:channelId/report',
  'POST /api/widget/v1/channels/:channelId/report/messages',
  'POST /api/widget/v1/channels/:channelId/report/thread',
  'POST /api/widget/v1/channels/:channelId/resume',
  'POST /api/widget/v1/channels/:channelId/resume-code',
  'POST /api/widget/v1/channels/:channelId/survey',
  'POST /webhooks/:kind/:channelId',
  // the person's own language, with the visitor's token like every widget route
  'PUT /api/widget/v1/channels/:channelId/language',
]

describe('authorisation policies, route by route and role by role', () => {
  let server: TestServer
  let app: FastifyInstance
  const cookies = new Map<Who, string | undefined>()

  before(async () => {
    server = await startTestServer()
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
    const line = await makeHelpline(server.pool)
    cookies.set('anonymous', undefined)
    for (const role of ['volunteer', 'supervisor', 'coordinator', 'mediator'] as const) {
      cookies.set(role, (await makeOperator(server, [{ helplineId: line.helplineId, role }])).cookie)
    }
    const email = `${randomBytes(4).toString('hex')}@example.org`
    await createUser(server.pool, { email, displayName: 'Admin', password: TEST_PASSWORD, isAdmin: true })
    const signedIn = await call(`${server.url}/api/session`, { body: { email, password: TEST_PASSWORD } })
    cookies.set('admin', (signedIn.headers.get('set-cookie') ?? '').split(';')[0])
  })
  after(async () => {
    await app?.close()
    await server?.close()
  })

  it('finds a policy for every route, and only the listed ones public', () => {
    const routes = registeredRoutes(app).filter((r) => r.method !== 'HEAD')
    assert.ok(routes.length > 30, `only ${routes.length} routes seen`)
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`)
    assert.deepEqual(missing, [], 'routes without an authorisation policy')
    const open = routes.filter((r) => r.policy?.access === 'public').map((r) => `${r.method} ${r.url}`)
    // GET / is the console's page only while it is not built; then GET /* serves it
    assert.deepEqual(
      open.filter((route) => !PUBLIC_ROUTES.includes(route)),
      [],
      'public routes not in the list',
    )
  })

  it('answers every route × role as its policy says', async () => {
    const checked: string[] = []
    for (const route of registeredRoutes(app)) {
      if (route.method === 'HEAD' || !route.policy || route.policy.access === 'public') continue
      const url = route.url.replace(/:[A-Za-z]+/g, () => randomUUID())
      for (const [who, cookie] of cookies) {
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json' },
          ...(route.method === 'GET' ? {} : { payload: '{}' }),
        })
        const label = `${who} ${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 120)}`
        const body = response.json() as { code?: string; message?: string }
        if (admits(route.policy, who)) {
          assert.notEqual(response.statusCode, 401, label)
          assert.doesNotMatch(
            body.message ?? '',
            /needs the (supervisor|coordinator) role|needs an administrator/,
            label,
          )
        } else if (who === 'anonymous') {
          assert.equal(response.statusCode, 401, label)
        } else if (who === 'mediator' && route.policy.access === 'staff') {
          assert.equal(response.statusCode, 404, label)
        } else {
          assert.equal(response.statusCode, 403, label)
        }
        checked.push(label)
      }
    }
    assert.ok(checked.length >= 6 * 30, `${checked.length} calls`)
  })

  it('refuses every event a client sends on either socket: none is declared', async () => {
    const line = await makeHelpline(server.pool)
    const operator = await connectConsole(server.url, cookies.get('coordinator') ?? '')
    const visitor = await connectWidget(server.url, line.channelId, visitorToken())
    try {
      for (const socket of [operator, visitor]) {
        for (const [event, payload] of [
          ['join', `helpline:${line.helplineId}`],
          ['message', { text: 'scritto dal socket' }],
          ['conversation.updated', { id: randomUUID() }],
        ] as const) {
          const answer = await socket.timeout(5000).emitWithAck(event, payload)
          assert.deepEqual(answer, { code: 'ASCOLTO_ERR_FORBIDDEN', message: 'Event not allowed' }, event)
        }
        assert.equal(socket.connected, true, 'a refused event does not bring the server down')
      }
      assert.equal(
        (await server.pool.query('select 1 from message where helpline_id = $1', [line.helplineId])).rowCount,
        0,
      )
    } finally {
      operator.disconnect()
      visitor.disconnect()
    }
  })

  it('refuses, at request time, a route that declares no policy', async () => {
    const bare = Fastify()
    registerErrorHandling(bare)
    registerRoutePolicies(bare, server.pool)
    bare.get('/api/forgotten', async () => ({ secret: 'leaked' }))
    bare.get('/api/declared', { config: { policy: { access: 'public', why: 'a test' } } }, async () => ({
      ok: true,
    }))
    const forgotten = await bare.inject({ url: '/api/forgotten' })
    assert.equal(forgotten.statusCode, 403)
    assert.doesNotMatch(forgotten.body, /leaked/)
    assert.match(forgotten.json().message, /declares no authorisation policy/)
    assert.equal((await bare.inject({ url: '/api/declared' })).statusCode, 200)
    await bare.close()
  })
})
