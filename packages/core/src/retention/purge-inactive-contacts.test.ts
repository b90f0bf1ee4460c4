import assert from 'node:assert/strict'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { widgetProviderMessageId } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { openAuditReason } from '../audit/audit-reasons.ts'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Actor, Services } from '../context.ts'
import { closeConversation } from '../conversations/close-conversation.ts'
import { takeConversation } from '../conversations/take-conversation.ts'
import { createKeyring } from '../crypto/keyring.ts'
import { createChannel, createHelpline } from '../helplines/create-helpline.ts'
import { defaultSettings, importHelplineSettings } from '../helplines/helpline-settings.ts'
import { ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { sendReply } from '../messages/send-reply.ts'
import { addMembership, createUser } from '../operators/create-user.ts'
import { silentPublisher } from '../realtime/publisher.ts'
import { setLegalHold } from './legal-hold.ts'
import { purgeInactiveContacts } from './purge-inactive-contacts.ts'

const services: Services = {
  keyring: createKeyring(randomBytes(32)),
  publisher: silentPublisher,
  clock: () => new Date(),
}

type Line = { helplineId: string; channelId: string }

async function makeLine(pool: Pool, retentionMonths?: number): Promise<Line> {
  const slug = `h-${randomBytes(4).toString('hex')}`
  const { id: helplineId } = await createHelpline(pool, { slug, name: `Helpline ${slug}` })
  const { id: channelId } = await createChannel(pool, { helplineId, kind: 'webchat', name: 'Web chat' })
  const settings = defaultSettings(`Helpline ${slug}`, 'Europe/Rome', 'it')
  await importHelplineSettings(pool, helplineId, {
    ...settings,
    // a person who writes again after a close starts a new conversation here (reopening has its own tests)
    desk: { ...settings.desk, reopenHours: 0 },
    ...(retentionMonths !== undefined ? { retention: { months: retentionMonths } } : {}),
  })
  return { helplineId, channelId }
}

async function makeStaff(pool: Pool, line: Line, role: 'volunteer' | 'supervisor'): Promise<Actor> {
  const { id } = await createUser(pool, {
    email: `${randomBytes(5).toString('hex')}@example.org`,
    displayName: role,
    password: 'correct horse battery staple',
  })
  await addMembership(pool, { userId: id, helplineId: line.helplineId, role })
  return { userId: id, displayName: role, isAdmin: false, roles: new Map([[line.helplineId, role]]) }
}

/** A message from a widget visitor, down the road every channel's messages take. */
async function writeIn(pool: Pool, line: Line, token: string, text: string) {
  const result = await withTransaction(pool, (tx, afterCommit) =>
    ingestInboundMessage(
      { tx, afterCommit, services },
      { id: line.channelId, helplineId: line.helplineId, config: {} },
      {
        providerMessageId: widgetProviderMessageId(token, randomUUID()),
        from: token,
        receivedAt: new Date(),
        kind: 'text',
        text,
      },
    ),
  )
  const conversationId = result.conversationId ?? ''
  const { rows } = await pool.query<{ contact_id: string }>(
    'select contact_id from conversation where id = $1',
    [conversationId],
  )
  return { conversationId, contactId: rows[0]?.contact_id ?? '' }
}

async function reply(pool: Pool, actor: Actor, conversationId: string, text: string) {
  await withTransaction(pool, (tx, afterCommit) =>
    takeConversation({ tx, afterCommit, services }, actor, conversationId),
  )
  return withTransaction(pool, (tx, afterCommit) =>
    sendReply({ tx, afterCommit, services }, actor, conversationId, text),
  )
}

/** Moves everything about a contact `months` into the past, as if they had gone silent then. */
async function age(pool: Pool, contactId: string, months: number) {
  await pool.query(
    `update contact set created_at = created_at - make_interval(months => $2),
                        last_inbound_at = last_inbound_at - make_interval(months => $2) where id = $1`,
    [contactId, months],
  )
  await pool.query(
    `update conversation set opened_at = opened_at - make_interval(months => $2),
                             last_message_at = last_message_at - make_interval(months => $2),
                             closed_at = closed_at - make_interval(months => $2) where contact_id = $1`,
    [contactId, months],
  )
  await pool.query(
    `update message set created_at = created_at - make_interval(months => $2)
      where conversation_id in (select id from conversation where contact_id = $1)`,
    [contactId, months],
  )
}

/** Every row of every table as text, and every bytea column decoded as raw bytes. */
async function dumpDatabase(pool: Pool) {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )
  assert.ok(tables.some((t) => t.table_name === 'message'))
  const parts: string[] = []
  for (const { table_name: table } of tables) {
    const rows = await pool.query<{ row: string }>(`select t::text as row from "${table}" t`)
    parts.push(...rows.rows.map((r) => r.row))
    const { rows: columns } = await pool.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = 'public' and table_name = $1 and data_type = 'bytea'`,
      [table],
    )
    for (const { column_name: column } of columns) {
      const decoded = await pool.query<{ raw: string }>(
        `select encode("${column}", 'escape') as raw from "${table}" where "${column}" is not null`,
      )
      parts.push(...decoded.rows.map((r) => r.raw))
    }
  }
  return parts.join('\n')
}

const count = async (pool: Pool, sql: string, params: unknown[]) =>
  Number((await pool.query<{ n: string }>(sql, params)).rows[0]?.n)

describe('retention purge', () => {
  let database: TestDatabase
  let pool: Pool
  let line: Line
  let yearLine: Line
  const visitors = {
    gone: {
      token: randomBytes(32).toString('base64url'),
      texts: ['Mi sento solo da settimane', 'Ci sei ancora?'],
    },
    recent: { token: randomBytes(32).toString('base64url'), texts: ['Ho litigato con mia madre'] },
    held: { token: randomBytes(32).toString('base64url'), texts: ['Mi hanno minacciato al lavoro'] },
    yearly: { token: randomBytes(32).toString('base64url'), texts: ['Non riesco a dormire'] },
    yearlyGone: { token: randomBytes(32).toString('base64url'), texts: ['Scrivo da molto lontano'] },
  }
  const staffTexts = { reply: 'Ciao, sono qui. Ti ascolto davvero.', note: 'Nota: sembra molto isolato' }
  const ids: Record<keyof typeof visitors, { contactId: string; conversationIds: string[] }> = {} as never
  let supervisor: Actor
  /** the day, in Rome, the purged contact's conversations opened */
  let day: string
  /** the day it closed, 10 minutes later: the next one when it opened just before midnight */
  let closedDay: string
  let volunteer: Actor

  before(async () => {
    database = await createTestDatabase()
    pool = database.pool
    line = await makeLine(pool)
    yearLine = await makeLine(pool, 12)
    volunteer = await makeStaff(pool, line, 'volunteer')
    supervisor = await makeStaff(pool, line, 'supervisor')

    // the one to be purged: a conversation answered, noted and closed, then a second one
    const first = await writeIn(pool, line, visitors.gone.token, visitors.gone.texts[0] ?? '')
    const answer = await reply(pool, volunteer, first.conversationId, staffTexts.reply)
    const sealer = await contactSealer(pool, services.keyring, { conversationId: first.conversationId })
    await pool.query(
      `insert into message (id, conversation_id, helpline_id, channel_id, direction, author_id, body_sealed, status)
       values ($1, $2, $3, $4, 'note', $5, $6, 'received')`,
      ((id) => [
        id,
        first.conversationId,
        line.helplineId,
        line.channelId,
        volunteer.userId,
        sealer.seal(staffTexts.note, `message:${id}`),
      ])(randomUUID()),
    )
    await withTransaction(pool, (tx, afterCommit) =>
      closeConversation({ tx, afterCommit, services }, volunteer, first.conversationId),
    )
    const second = await writeIn(pool, line, visitors.gone.token, visitors.gone.texts[1] ?? '')
    assert.notEqual(second.conversationId, first.conversationId)
    ids.gone = { contactId: first.contactId, conversationIds: [first.conversationId, second.conversationId] }
    await age(pool, first.contactId, 7)
    // answered 90 s after the first message, closed 10 minutes after it opened
    await pool.query(
      `update message m set created_at = c.opened_at + interval '90 seconds'
         from conversation c where m.id = $1 and c.id = m.conversation_id`,
      [answer.id],
    )
    await pool.query(`update conversation set closed_at = opened_at + interval '600 seconds' where id = $1`, [
      first.conversationId,
    ])

    const opened = await pool.query<{ day: string; closed_day: string }>(
      `select (opened_at at time zone 'Europe/Rome')::date::text as day,
              (closed_at at time zone 'Europe/Rome')::date::text as closed_day
         from conversation where id = $1`,
      [first.conversationId],
    )
    day = opened.rows[0]?.day ?? ''
    closedDay = opened.rows[0]?.closed_day ?? ''

    for (const [name, target, months] of [
      ['recent', line, 5],
      ['held', line, 7],
      ['yearly', yearLine, 7],
      ['yearlyGone', yearLine, 13],
    ] as const) {
      const written = await writeIn(pool, target, visitors[name].token, visitors[name].texts[0] ?? '')
      ids[name] = { contactId: written.contactId, conversationIds: [written.conversationId] }
      await age(pool, written.contactId, months)
    }
    // the recent one has a reply still waiting in the outbox
    await reply(pool, volunteer, ids.recent.conversationIds[0] ?? '', 'Raccontami cosa è successo')
  })
  after(() => database.drop())

  it('lets only a supervisor put a legal hold, inside their helpline, and audits it', async () => {
    const hold = (actor: Actor, contactId: string, on: boolean) =>
      withTransaction(pool, (tx) =>
        setLegalHold(tx, {
          actorId: actor.userId,
          helplineId: line.helplineId,
          contactId,
          on,
          reason: 'Richiesta della Procura, prot. 123/2025',
          keyring: services.keyring,
        }),
      )
    await assert.rejects(hold(volunteer, ids.held.contactId, true), { code: 'ASCOLTO_ERR_FORBIDDEN' })
    await assert.rejects(hold(supervisor, ids.yearly.contactId, true), { code: 'ASCOLTO_ERR_NOT_FOUND' })
    const placed = await hold(supervisor, ids.held.contactId, true)
    assert.equal(placed.changed, true)
    assert.ok(placed.legalHoldAt instanceof Date)
    assert.equal((await hold(supervisor, ids.held.contactId, true)).changed, false)

    const { rows } = await pool.query(
      `select actor_id, action, subject_type, subject_id, details from audit_event where action like 'contact.legal_hold%'`,
    )
    // with its end: a year unless said otherwise
    assert.deepEqual(rows, [
      {
        actor_id: supervisor.userId,
        action: 'contact.legal_hold',
        subject_type: 'contact',
        subject_id: ids.held.contactId,
        details: { until: placed.legalHoldUntil?.toISOString() },
      },
    ])
    // the reason typed, sealed under the helpline's key and opened for the audit screen
    const [sealed] = (
      await pool.query(
        `select id, helpline_id, reason_sealed from audit_event where action = 'contact.legal_hold'`,
      )
    ).rows
    assert.equal(openAuditReason(services.keyring, sealed), 'Richiesta della Procura, prot. 123/2025')
  })

  it('deletes, for real, only the contacts silent for longer than their helpline keeps them', async () => {
    const outboxBefore = await count(pool, 'select count(*) as n from outbox', [])
    assert.equal(outboxBefore, 2)

    const counts = await purgeInactiveContacts(pool, services.keyring)
    // the 7-month-old contact of the 6-month line (2 conversations: 2 in, 1 reply, 1 note) and
    // the 13-month-old one of the 12-month line
    assert.deepEqual(counts, { contacts: 2, conversations: 3, messages: 5, auditEvents: 0 })

    const contacts = await pool.query<{ id: string }>('select id from contact order by id')
    assert.deepEqual(
      contacts.rows.map((r) => r.id),
      [ids.recent.contactId, ids.held.contactId, ids.yearly.contactId].sort(),
    )
    for (const name of ['gone', 'yearlyGone'] as const) {
      const { contactId, conversationIds } = ids[name]
      assert.equal(
        await count(pool, 'select count(*) as n from contact_identity where contact_id = $1', [contactId]),
        0,
      )
      // the key first: any copy of their ciphertext left elsewhere no longer opens
      assert.equal(
        await count(pool, 'select count(*) as n from keystore.contact_key where contact_id = $1', [
          contactId,
        ]),
        0,
      )
      assert.equal(
        await count(pool, 'select count(*) as n from message where conversation_id = any($1::uuid[])', [
          conversationIds,
        ]),
        0,
      )
    }
    // the purged reply's delivery is gone with it; the recent one's is still due
    assert.equal(await count(pool, 'select count(*) as n from outbox', []), 1)

    // a second run finds nothing more to do
    assert.deepEqual(await purgeInactiveContacts(pool, services.keyring), {
      contacts: 0,
      conversations: 0,
      messages: 0,
      auditEvents: 0,
    })
  })

  it('keeps anonymous facts about every purged conversation', async () => {
    const { rows } = await pool.query(
      `select conversation_id, helpline_id, channel_kind, opened_on::text, closed_on::text, inbound_count,
              outbound_count, first_response_seconds, duration_seconds
         from conversation_fact order by opened_on, closed_on nulls last`,
    )
    const [first, second] = ids.gone.conversationIds
    const gone = rows.filter((r) => r.helpline_id === line.helplineId)
    assert.deepEqual(gone[0], {
      conversation_id: first,
      helpline_id: line.helplineId,
      channel_kind: 'webchat',
      opened_on: day,
      closed_on: closedDay,
      inbound_count: 1,
      outbound_count: 1,
      first_response_seconds: 90,
      duration_seconds: 600,
    })
    assert.deepEqual(
      { ...gone[1], duration_seconds: undefined },
      {
        conversation_id: second,
        helpline_id: line.helplineId,
        channel_kind: 'webchat',
        opened_on: day,
        closed_on: null,
        inbound_count: 1,
        outbound_count: 0,
        first_response_seconds: null,
        duration_seconds: undefined,
      },
    )
    assert.equal(gone.length, 2)
    assert.deepEqual(
      rows.filter((r) => r.helpline_id === yearLine.helplineId).map((r) => r.conversation_id),
      ids.yearlyGone.conversationIds,
    )
  })

  it('leaves no trace of the text or the address in the database', async () => {
    const dump = await dumpDatabase(pool)
    assert.ok(dump.length > 1000, 'the dump holds the rest of the database')
    for (const name of ['gone', 'yearlyGone'] as const) {
      const { token, texts } = visitors[name]
      for (const text of texts) assert.equal(dump.includes(text), false, `"${text}" survived the purge`)
      assert.equal(dump.includes(token), false, 'the visitor token survived the purge')
      // what was derived from the address goes too: its keyed hash, the widget's message ids
      const helplineId = name === 'gone' ? line.helplineId : yearLine.helplineId
      assert.equal(dump.includes(services.keyring.hashAddress(helplineId, token).toString('hex')), false)
      assert.equal(dump.includes(createHash('sha256').update(token).digest('hex').slice(0, 32)), false)
      for (const id of [ids[name].contactId])
        assert.equal(dump.includes(id), false, 'the contact id survived')
    }
    for (const text of Object.values(staffTexts)) assert.equal(dump.includes(text), false)
    // what is kept is sealed: never in clear, purged or not
    for (const name of ['recent', 'held', 'yearly'] as const) {
      const { token, texts } = visitors[name]
      for (const text of texts) assert.equal(dump.includes(text), false, `"${text}" is stored in clear`)
      assert.equal(dump.includes(token), false, 'a visitor token is stored in clear')
      assert.equal(dump.includes(ids[name].contactId), true, 'the kept contact is in the dump')
    }
    assert.equal(dump.includes('Raccontami cosa è successo'), false)
  })

  it('audits each purge with counts only, never ids of people', async () => {
    const { rows } = await pool.query<{
      helpline_id: string
      subject_id: string
      actor_id: null
      details: object
    }>(
      `select helpline_id, subject_type, subject_id, actor_id, details from audit_event
        where action = 'retention.purge' order by id`,
    )
    const byHelpline = new Map(rows.map((r) => [r.helpline_id, r]))
    assert.equal(rows.length, 2)
    assert.deepEqual(byHelpline.get(line.helplineId), {
      helpline_id: line.helplineId,
      subject_type: 'helpline',
      subject_id: line.helplineId,
      actor_id: null,
      details: { contacts: 1, conversations: 2, messages: 4, months: 6 },
    })
    assert.deepEqual(byHelpline.get(yearLine.helplineId)?.details, {
      contacts: 1,
      conversations: 1,
      messages: 1,
      months: 12,
    })
  })

  it('purges a held contact once the hold is lifted, and the audit trail cannot be rewritten', async () => {
    await withTransaction(pool, (tx) =>
      setLegalHold(tx, {
        actorId: supervisor.userId,
        helplineId: line.helplineId,
        contactId: ids.held.contactId,
        on: false,
        reason: 'Procedimento archiviato',
        keyring: services.keyring,
      }),
    )
    const lifted = await pool.query(
      `select id, helpline_id, reason_sealed, actor_id, details from audit_event where action = 'contact.legal_hold_lifted'`,
    )
    assert.deepEqual(
      lifted.rows.map((row) => [row.actor_id, row.details, openAuditReason(services.keyring, row)]),
      [[supervisor.userId, {}, 'Procedimento archiviato']],
    )
    assert.deepEqual(await purgeInactiveContacts(pool, services.keyring), {
      contacts: 1,
      conversations: 1,
      messages: 1,
      auditEvents: 0,
    })
    assert.equal(
      await count(pool, 'select count(*) as n from contact where id = $1', [ids.held.contactId]),
      0,
    )

    await assert.rejects(pool.query(`update audit_event set details = '{}'`), /append-only/)
    await assert.rejects(
      pool.query(`delete from audit_event where action like 'contact.legal_hold%'`),
      /append-only/,
    )
    assert.equal(
      await count(pool, `select count(*) as n from audit_event where action like 'contact.legal_hold%'`, []),
      2,
    )
  })

  it('purges each contact once when two workers run at the same time', async () => {
    const busy = await makeLine(pool)
    for (let i = 0; i < 30; i++) {
      const written = await writeIn(pool, busy, randomBytes(32).toString('base64url'), `messaggio ${i}`)
      await age(pool, written.contactId, 8)
    }
    const runs = await Promise.all([
      purgeInactiveContacts(pool, services.keyring, { batchSize: 4 }),
      purgeInactiveContacts(pool, services.keyring, { batchSize: 4 }),
      purgeInactiveContacts(pool, services.keyring, { batchSize: 7 }),
    ])
    const sum = (key: 'contacts' | 'conversations' | 'messages') => runs.reduce((n, run) => n + run[key], 0)
    assert.deepEqual(
      { contacts: sum('contacts'), conversations: sum('conversations'), messages: sum('messages') },
      {
        contacts: 30,
        conversations: 30,
        messages: 30,
      },
    )
    assert.equal(
      await count(pool, 'select count(*) as n from contact where helpline_id = $1', [busy.helplineId]),
      0,
    )
    assert.equal(
      await count(pool, 'select count(*) as n from conversation_fact where helpline_id = $1', [
        busy.helplineId,
      ]),
      30,
    )
    const audited = await pool.query<{ n: string }>(
      `select sum((details->>'contacts')::int) as n from audit_event
        where action = 'retention.purge' and helpline_id = $1`,
      [busy.helplineId],
    )
    assert.equal(Number(audited.rows[0]?.n), 30)
  })

  it('leaves a contact whose conversation someone is working on for the next run, without waiting', async () => {
    const quiet = await makeLine(pool)
    const written = await writeIn(pool, quiet, randomBytes(32).toString('base64url'), 'torno a scrivere')
    await age(pool, written.contactId, 8)
    const client = await pool.connect()
    try {
      // what a message arriving in it right now, or a volunteer replying, holds
      await client.query('begin')
      await client.query('select id from conversation where id = $1 for update', [written.conversationId])
      assert.deepEqual(await purgeInactiveContacts(pool, services.keyring), {
        contacts: 0,
        conversations: 0,
        messages: 0,
        auditEvents: 0,
      })
      await client.query('rollback')
    } finally {
      client.release()
    }
    assert.deepEqual(await purgeInactiveContacts(pool, services.keyring), {
      contacts: 1,
      conversations: 1,
      messages: 1,
      auditEvents: 0,
    })
  })

  it('counts from the given time, so a later run reaches contacts that were recent', async () => {
    const inThreeMonths = new Date(Date.now() + 92 * 24 * 3600 * 1000)
    assert.deepEqual(await purgeInactiveContacts(pool, services.keyring, { now: inThreeMonths }), {
      contacts: 1,
      conversations: 1,
      messages: 2,
      auditEvents: 0,
    })
    assert.equal(
      await count(pool, 'select count(*) as n from contact where id = $1', [ids.recent.contactId]),
      0,
    )
    assert.equal(await count(pool, 'select count(*) as n from outbox', []), 0)
  })
})
