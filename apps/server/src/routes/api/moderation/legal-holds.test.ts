// A legal hold has an end: renewed (audited) it keeps protecting, ended it no longer keeps the
// person from retention; the supervisors' list puts what ends soonest first. The audit log has a
// retention of its own, in years, and keeps only anonymous counts of what it deletes.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings, purgeInactiveContacts } from '@ascolto/core'
import type { ConversationDetail, LegalHoldList } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const DAY = 24 * 3600_000

describe('legal holds that end, and the audit log’s own retention', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
  })
  after(() => server.close())

  /** A person writes in on the web chat: their conversation's id. */
  async function personWrites(text: string) {
    const written = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text },
    })
    assert.equal(written.status, 201)
    const { rows } = await server.pool.query<{ id: string }>(
      'select conversation_id as id from message where id = $1',
      [written.body.id],
    )
    return rows[0]?.id ?? ''
  }
  const hold = (conversationId: string, body: Record<string, unknown>, cookie = supervisor.cookie) =>
    call(`${server.url}/api/conversations/${conversationId}/legal-hold`, { cookie, body })
  const holds = async (cookie = supervisor.cookie) => {
    const listed = await call(`${server.url}/api/helplines/${line.helplineId}/legal-holds`, { cookie })
    return { status: listed.status, holds: (listed.body as LegalHoldList).holds }
  }
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

  it('ends a hold on its date unless renewed, audited, and lists what ends soon first', async () => {
    const soon = await personWrites('richiesta della procura, fascicolo 1')
    const later = await personWrites('richiesta della procura, fascicolo 2')
    const tenDays = inDays(10)
    assert.equal((await hold(soon, { on: true, reason: 'fascicolo 1', until: tenDays })).status, 200)
    assert.equal((await hold(later, { on: true, reason: 'fascicolo 2', until: inDays(200) })).status, 200)
    const refused = await hold(later, { on: true, reason: 'troppo lungo', until: inDays(6 * 365) })
    assert.equal(refused.status, 400, 'five years at most')
    assert.equal((await hold(later, { on: true, reason: 'passato', until: inDays(-1) })).status, 400)

    const detail = (await call(`${server.url}/api/conversations/${soon}`, { cookie: supervisor.cookie }))
      .body as ConversationDetail
    assert.ok(detail.legalHoldAt)
    assert.equal(detail.legalHoldUntil, tenDays)

    const listed = await holds()
    assert.equal(listed.status, 200)
    assert.deepEqual(
      listed.holds.map((h) => [h.conversationId, h.state]),
      [
        [soon, 'ends_soon'],
        [later, 'in_force'],
      ],
    )
    assert.equal((await holds(volunteer.cookie)).status, 403)
    const outsider = await makeOperator(server, [
      { helplineId: (await makeHelpline(server.pool)).helplineId, role: 'coordinator' },
    ])
    assert.equal((await holds(outsider.cookie)).status, 404)

    // renewed: it protects longer, and the log says so with its new end
    const threeHundredDays = inDays(300)
    const renewed = await hold(soon, { on: true, reason: 'proroga del fascicolo 1', until: threeHundredDays })
    assert.equal(renewed.status, 200)
    assert.equal(renewed.body.legalHoldUntil, threeHundredDays)
    const { rows: audited } = await server.pool.query<{ action: string; details: { until?: string } }>(
      `select action, details from audit_event where subject_type = 'contact' and action like 'contact.legal_hold%' order by id`,
    )
    assert.deepEqual(
      audited.map((row) => row.action),
      ['contact.legal_hold', 'contact.legal_hold', 'contact.legal_hold_renewed'],
    )
    assert.ok(audited.every((row) => typeof row.details.until === 'string'))
    assert.deepEqual(
      (await holds()).holds.map((h) => [h.conversationId, h.state]),
      [
        [later, 'in_force'],
        [soon, 'in_force'],
      ],
    )

    // 250 days on, past the retention of six months: the hold that ended no longer protects
    const { rows: before } = await server.pool.query<{ id: string }>(
      'select contact_id as id from conversation where id = any($1::uuid[]) order by id',
      [[soon, later]],
    )
    await purgeInactiveContacts(server.pool, server.services.keyring, {
      now: new Date(Date.now() + 250 * DAY),
    })
    const { rows: kept } = await server.pool.query<{ id: string }>(
      'select id from conversation where id = any($1::uuid[])',
      [[soon, later]],
    )
    assert.deepEqual(
      kept.map((row) => row.id),
      [soon],
      'the renewed hold keeps its person; the one that ended does not',
    )
    assert.equal(before.length, 2)
  })

  it('deletes audit rows past the helpline’s years and keeps only their counts by month and action', async () => {
    const shortLine = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, shortLine.helplineId, {
      ...defaultSettings('Breve', 'Europe/Rome', 'it'),
      retention: { months: 6, auditYears: 2 },
    })
    const insert = (helplineId: string, action: string, yearsAgo: number) =>
      server.pool.query(
        `insert into audit_event (helpline_id, action, subject_type, at)
         values ($1, $2, 'conversation', date_trunc('month', now()) - make_interval(years => $3) + interval '3 days')`,
        [helplineId, action, yearsAgo],
      )
    // the default helpline keeps five years: a six-year-old row goes, a three-year-old one stays
    await insert(line.helplineId, 'conversation.read', 6)
    await insert(line.helplineId, 'conversation.read', 6)
    await insert(line.helplineId, 'contact.exported', 3)
    // the short one keeps two
    await insert(shortLine.helplineId, 'conversation.read', 3)
    const counts = await purgeInactiveContacts(server.pool, server.services.keyring)
    assert.equal(counts.auditEvents, 3)
    const { rows: left } = await server.pool.query<{ helpline_id: string; action: string }>(
      `select helpline_id, action from audit_event where at < now() - interval '1 year' order by helpline_id`,
    )
    assert.deepEqual(left, [{ helpline_id: line.helplineId, action: 'contact.exported' }])
    const { rows: kept } = await server.pool.query<{ helpline_id: string; action: string; count: number }>(
      'select helpline_id, action, count from audit_count order by count desc',
    )
    assert.deepEqual(kept, [
      { helpline_id: line.helplineId, action: 'conversation.read', count: 2 },
      { helpline_id: shortLine.helplineId, action: 'conversation.read', count: 1 },
    ])
    // to anyone else the log stays append-only, and so does a recent row even to the job's setting
    await assert.rejects(
      server.pool.query(`delete from audit_event where action = 'contact.exported'`),
      /append-only/,
    )
    const client = await server.pool.connect()
    try {
      await client.query('begin')
      await client.query(`set local ascolto.audit_retention = 'on'`)
      await assert.rejects(
        client.query(`delete from audit_event where at > now() - interval '1 day'`),
        /append-only/,
      )
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})
