// Each helpline is a wall, walked with real ids: every route with an id in its path, from the app's
// own route table, is called by a coordinator of one helpline with the ids of things that really
// exist in another (its conversation, message, case, flag…), and must answer 404 — never the
// thing, never a 403 that says it exists. Which kind of id a path segment holds is the KINDS
// table below: a route whose segment is not in it fails the test, so a new route is walked from
// the day it is added (its fixture: one line in KINDS, and one in `makeTheirs` for a new kind;
// BODIES for a body its schema alone does not make).
import assert from 'node:assert/strict'
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '@ascolto/config'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../testing/test-server.ts'
import { makeMoreOfTheirs } from '../testing/wall-fixtures.ts'
import { registeredRoutes } from './route-policies.ts'

/** What the id after each path segment names. */
const KINDS: Record<string, Kind> = {
  'conversations/:id': 'conversation',
  'messages/:id': 'message',
  'calls/:messageId': 'message',
  'helplines/:id': 'helpline',
  'members/:userId': 'member',
  'invitations/:invitationId': 'invitation',
  'cases/:id': 'case',
  'entries/:entryId': 'caseEntry',
  'flags/:id': 'flag',
  'contact-links/:id': 'contactLink',
  'reveal-requests/:id': 'revealRequest',
  'directory/:id': 'directoryEntry',
  'canned-replies/:id': 'cannedReply',
  'shifts/:id': 'shift',
  'referrals/:id': 'referral',
  'partners/:id': 'partner',
  'steps/:stepId': 'step',
  'shift-assignments/:id': 'shiftAssignment',
  'callbacks/:id': 'callback',
  'mediators/:participantId': 'callParticipant',
  'call-mediators/:id': 'callMediator',
  'redirects/:redirectId': 'redirect',
  'passkeys/:id': 'passkey',
}
type Kind =
  | 'conversation'
  | 'message'
  | 'helpline'
  | 'member'
  | 'invitation'
  | 'case'
  | 'caseEntry'
  | 'flag'
  | 'contactLink'
  | 'revealRequest'
  | 'directoryEntry'
  | 'cannedReply'
  | 'shift'
  | 'referral'
  | 'partner'
  | keyof Awaited<ReturnType<typeof makeMoreOfTheirs>>

/** What a schema alone cannot tell: a body that passes a route's own checks before the wall's. */
const PARTNER = {
  name: 'Numero nazionale',
  baseUrl: 'https://numero-nazionale.example.org',
  publicKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x,
  enabled: true,
}
const BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/helplines/:id/partners': PARTNER,
  'PUT /api/partners/:id': PARTNER,
  'POST /api/conversations/:id/attachments': { mimeType: 'application/pdf', data: 'JVBERi0xLjc=' },
}

/** What a query string alone must carry for a route to reach its wall. */
const QUERIES: Record<string, string> = {
  'GET /api/helplines/:id/referrals': 'direction=in',
  'GET /api/helplines/:id/statistics/cross': 'rows=door&columns=language',
  'GET /api/helplines/:id/statistics/cross.:format': 'rows=door&columns=language',
  'GET /api/helplines/:id/statistics/table.:format': 'table=hours',
  'GET /api/helplines/:id/statistics.:format': 'table=calls',
  'GET /api/helplines/:id/statistics/report.pdf': 'year=2026',
}

/** A path's parameters that are not ids: the value a route's own checks take. */
const NOT_IDS: Record<string, string> = { '.:format': '.csv' }

/** Paths that take a channel or a token, not a helpline's record: the widget, webhooks, calendars. */
const NOT_A_RECORD = /:channelId|:kind|:token/

type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  anyOf?: Schema[]
  const?: unknown
  enum?: unknown[]
  format?: string
  minLength?: number
  pattern?: string
  minimum?: number
  minItems?: number
  items?: Schema
  default?: unknown
}

/** The smallest body a schema accepts, ids filled with `id`: so a refusal is the wall's, not the schema's. */
function validBody(schema: Schema | undefined, id: string): unknown {
  if (!schema) return undefined
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum[0]
  if (schema.anyOf) return validBody(schema.anyOf[0], id)
  const type = [schema.type].flat()[0]
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, validBody(schema.properties?.[name], id)]),
      )
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validBody(schema.items, id))
    case 'integer':
    case 'number':
      return schema.minimum ?? 1
    case 'boolean':
      return false
    case 'null':
      return null
    default:
      if (schema.format === 'uuid') return id
      if (schema.format === 'date-time') return new Date().toISOString()
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10)
      if (schema.format === 'email') return 'muro@example.org'
      return (
        [
          'muro@example.org',
          'saluto',
          '+393331234567',
          '09:00',
          'x'.repeat(Math.max(schema.minLength ?? 1, 3)),
        ].find(
          (text) =>
            (!schema.pattern || new RegExp(schema.pattern).test(text)) &&
            text.length >= (schema.minLength ?? 0),
        ) ?? ''
      )
  }
}

describe('the wall between helplines, walked with real ids', () => {
  let server: TestServer
  let app: FastifyInstance
  let ours: string
  const theirs = new Map<Kind, string>()

  before(async () => {
    server = await startTestServer()
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
    const mine = await makeHelpline(server.pool)
    ours = (await makeOperator(server, [{ helplineId: mine.helplineId, role: 'coordinator' }])).cookie
    await makeTheirs()
  })
  after(async () => {
    await app?.close()
    await server?.close()
  })

  /** The other helpline's records, made as its own coordinator would, through the API. */
  async function makeTheirs() {
    const { helplineId, channelId } = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    /** A POST route's smallest valid body with `given` over it, sent with `id` in its path. */
    const make = async (route: string, id: string, given: Record<string, unknown> = {}) => {
      const schema = registeredRoutes(app).find((r) => r.method === 'POST' && r.url === route)?.body
      const body = { ...(validBody(schema as Schema | undefined, randomUUID()) as object), ...given }
      const answer = await call(`${server.url}${route.replace(':id', id)}`, {
        cookie: coordinator.cookie,
        body,
      })
      assert.ok(answer.status < 300, `${route}: ${answer.status} ${JSON.stringify(answer.body)}`)
      return answer.body
    }
    theirs.set('helpline', helplineId)
    theirs.set('member', coordinator.userId)
    for (const text of ['dall’altra parte del muro', 'un’altra persona']) {
      await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
        token: visitorToken(),
        body: { clientId: randomUUID(), text },
      })
    }
    const { rows } = await server.pool.query<{ id: string; message_id: string }>(
      `select c.id, (select m.id from message m where m.conversation_id = c.id limit 1) as message_id
         from conversation c where c.helpline_id = $1 order by c.opened_at`,
      [helplineId],
    )
    const [one, two] = rows.map((r) => r.id)
    assert.ok(one && two && rows[0]?.message_id)
    theirs.set('conversation', one)
    theirs.set('message', rows[0].message_id)
    await make('/api/conversations/:id/take', one)
    theirs.set('flag', (await make('/api/conversations/:id/flags', one)).id)
    theirs.set(
      'contactLink',
      (await make('/api/conversations/:id/links', one, { otherConversationId: two })).links[0].id,
    )
    await server.pool.query(
      `insert into helpline_security (helpline_id, reveal_needs_approval) values ($1, true)
       on conflict (helpline_id) do update set reveal_needs_approval = true`,
      [helplineId],
    )
    theirs.set('revealRequest', (await make('/api/conversations/:id/contact/reveal-requests', one)).id)
    const opened = await make('/api/cases', '', { conversationId: one })
    const caseId = opened.id ?? opened.case?.id
    theirs.set('case', caseId)
    const withEntry = await make('/api/cases/:id/entries', caseId)
    theirs.set('caseEntry', withEntry.entries.at(-1).id)
    const invited = await make('/api/helplines/:id/invitations', helplineId, { role: 'volunteer' })
    theirs.set('invitation', invited.invitation.id)
    theirs.set('cannedReply', (await make('/api/helplines/:id/canned-replies', helplineId)).id)
    theirs.set('directoryEntry', (await make('/api/helplines/:id/directory', helplineId)).id)
    const referral = await make('/api/referrals', '', {
      conversationId: one,
      target: { kind: 'partner', name: 'Sportello antiviolenza' },
      urgency: 'routine',
      reason: 'un motivo',
      languages: ['it'],
      shared: 'la città',
      consent: { givenAt: new Date().toISOString(), givenBy: 'person' },
    })
    theirs.set('referral', referral.id)
    theirs.set('partner', (await make('/api/helplines/:id/partners', helplineId, PARTNER)).id)
    const shift = await make('/api/helplines/:id/shifts', helplineId, {
      start: '09:00',
      end: '13:00',
      needs: { volunteer: 1 },
    })
    theirs.set('shift', shift.id)
    const more = await makeMoreOfTheirs({
      url: server.url,
      pool: server.pool,
      cookie: coordinator.cookie,
      userId: coordinator.userId,
      helplineId,
      channelId,
      conversationId: one,
      messageId: rows[0].message_id,
      shiftId: shift.id,
    })
    for (const [kind, id] of Object.entries(more)) theirs.set(kind as Kind, id)
  }

  it('answers 404 to every route given another helpline’s real id', async (t) => {
    const walked: string[] = []
    const unknown: string[] = []
    const wrong: string[] = []
    for (const route of registeredRoutes(app)) {
      if (route.method === 'HEAD' || !route.url.includes('/:') || NOT_A_RECORD.test(route.url)) continue
      // a mediator's own routes are walked as a mediator in mediation.test.ts (other conversations: 404)
      if (!route.policy || ['public', 'admin', 'mediator'].includes(route.policy.access)) continue
      let url = Object.entries(NOT_IDS).reduce(
        (path, [param, value]) => path.replace(param, value),
        route.url,
      )
      for (const [pair] of route.url.matchAll(/[\w.-]+\/:\w+/g)) {
        const kind = KINDS[pair]
        if (!kind) {
          unknown.push(`${route.method} ${route.url} (${pair})`)
          continue
        }
        const id = theirs.get(kind)
        assert.ok(id, `no fixture for ${kind}`)
        url = url.replace(pair, pair.replace(/:\w+$/, id))
      }
      const given = BODIES[`${route.method} ${route.url}`] ?? {}
      const body = route.body
        ? {
            ...(validBody(route.body as Schema, theirs.get('conversation') ?? randomUUID()) as object),
            ...given,
          }
        : route.method === 'GET' || route.method === 'DELETE'
          ? undefined
          : {}
      // a helpline named in the query is theirs too
      if (route.query.includes('helplineId')) url += `?helplineId=${theirs.get('helpline')}`
      const query = QUERIES[`${route.method} ${route.url}`]
      if (query) url += `${url.includes('?') ? '&' : '?'}${query}`
      const answer = await app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie: ours, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      })
      walked.push(`${route.method} ${route.url}`)
      if (answer.statusCode !== 404) {
        wrong.push(`${route.method} ${route.url} → ${answer.statusCode} ${answer.body.slice(0, 160)}`)
      }
    }
    assert.deepEqual(unknown, [], 'routes with an id whose kind the walk does not know: add them to KINDS')
    assert.deepEqual(wrong, [], 'routes that answered other than 404 to another helpline’s id')
    assert.ok(walked.length > 60, `only ${walked.length} routes walked`)
    t.diagnostic(`${walked.length} routes walked`)
  })
})
