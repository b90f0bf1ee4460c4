// The short version of `npm run simulate`: one day of the addiction line (WhatsApp, SMS,
// voicemails with call-backs by the supervisor, e-mail through Dovecot's IMAP with replies by SMTP)
// against a real Ascolto on the suite's PostgreSQL.
// What it holds to: every person's message delivered is stored once, the report's counts are
// the database's, each on-time answer is on time by the due time Ascolto wrote, and the table
// ends with the promise's line.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { profileNamed } from './profiles.ts'
import { type Report, reportOf, tableOf } from './report.ts'
import { type Simulation, simulate } from './simulate.ts'

describe('a simulated day of the addiction line', { timeout: 900_000 }, () => {
  let database: TestDatabase
  let simulation: Simulation
  let report: Report

  before(async () => {
    database = await createTestDatabase()
    simulation = await simulate(profileNamed('addiction-line'), {
      week: '2026-03-23',
      days: 1,
      tailDays: 1,
      database: { url: database.url },
    })
    report = await reportOf(
      simulation.record,
      simulation.installation.pool,
      simulation.installation.helplineId,
    )
  })
  after(async () => {
    await simulation?.installation.close()
    await database?.drop()
  })

  it('stores every message delivered through a door once, and counts the conversations the database has', async () => {
    const { record } = simulation
    assert.ok(record.episodes.length >= 5, `a Monday brings people: ${record.episodes.length}`)
    assert.ok(new Set(record.episodes.map((e) => e.door)).size >= 2, 'more than one door was used')
    assert.equal(report.database.messages, record.delivered.messages)
    assert.equal(report.database.voicemails, record.delivered.voicemails)
    assert.equal(report.database.calls, record.delivered.voicemails, 'each voicemail is one call')
    assert.equal(
      report.database.callbacks,
      record.delivered.voicemails,
      'each voicemail asks for one call-back',
    )
    assert.equal(report.database.conversations, report.conversations)
    const { rows } = await database.pool.query<{ id: string; due_at: Date | null }>(
      'select id, due_at from conversation where helpline_id = $1',
      [simulation.installation.helplineId],
    )
    const due = new Map(rows.map((r) => [r.id, r.due_at?.getTime() ?? null]))
    // a conversation closed and opened again has the due time of its latest wait
    const latest = new Map(record.episodes.map((e) => [e.conversationId, e]))
    for (const [id, episode] of latest) {
      assert.ok(due.has(id), 'each episode is a stored conversation')
      assert.equal(episode.dueAt, due.get(id))
    }
  })

  it('counts as answered only what the database shows a person answered, before the due time it wrote', async () => {
    const { record } = simulation
    const { rows } = await database.pool.query<{ conversation_id: string }>(
      `select distinct conversation_id from message
        where helpline_id = $1 and direction = 'outbound' and author_id is not null`,
      [simulation.installation.helplineId],
    )
    const written = new Set(rows.map((r) => r.conversation_id))
    for (const episode of record.episodes.filter((e) => e.answeredBy === 'message'))
      assert.ok(written.has(episode.conversationId), 'a written answer is in the database')
    const calledBack = record.episodes.filter((e) => e.answeredBy === 'call')
    for (const episode of calledBack)
      assert.ok(
        record.calls.some(
          (c) => c.conversationId === episode.conversationId && c.calledAt === episode.firstHumanAt,
        ),
      )
    const { rows: calls } = await database.pool.query<{ n: number }>(
      `select count(*)::int as n from callback_request where helpline_id = $1 and status <> 'pending'`,
      [simulation.installation.helplineId],
    )
    assert.equal(calls[0]?.n, record.calls.length, 'each call-back made is recorded')
    const onTime = record.episodes.filter(
      (e) => e.firstHumanAt !== undefined && (e.dueAt === null || e.firstHumanAt <= e.dueAt),
    )
    assert.equal(report.answeredBeforeDue.count, onTime.length)
    assert.equal(report.missed.length, record.episodes.length - onTime.length)
  })

  it('takes the e-mails in through the IMAP mailbox and sends every one written to them by SMTP', () => {
    assert.ok((report.doors.email ?? 0) >= 1, 'someone wrote an e-mail')
    const email = report.email
    assert.ok(email, 'the e-mail door is reported')
    // at least the welcome and a volunteer's answer to each person who wrote one
    assert.ok(email.written >= 2 * (report.doors.email ?? 0), `${email.written} written`)
    assert.equal(email.sent, email.written, 'every mail written left the outbox as sent')
    assert.equal(email.received, email.written, 'the SMTP server received each one')
  })

  it('ends its table with the promise kept', () => {
    const last = tableOf(report).split('\n').at(-1)
    const a = report.answeredBeforeDue
    assert.equal(
      last,
      `answered before due: ${a.count} of ${simulation.record.episodes.length} (${a.percent} %)`,
    )
  })
})
