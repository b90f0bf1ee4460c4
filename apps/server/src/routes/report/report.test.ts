// "Segnala" over the API: a report sent with its proof of work lands in the queue on the report
// door, sealed, with a receipt code kept only as an argon2id hash; the code opens the thread, where
// the line's answer waits and the reporter adds to the report; wrong and malformed codes answer as
// unknown ones and are limited per address; bad submissions are refused whole and store nothing;
// the statistics count reports per answer; retention erases them like any person.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { purgeInactiveContacts } from '@ascolto/core'
import type { ConversationView, Statistics } from '@ascolto/protocol'
import { FLOOD_LIMITS } from '../../plugins/flood-limits.ts'
import { noteMadeUp } from '../../testing/log-scan.ts'
import { giveReportForm, sendReport, solvedChallenge } from '../../testing/report-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const ANSWERS = {
  what: 'Due ragazze lavorano nei campi dodici ore al giorno senza paga e senza documenti',
  where: 'Campagne vicino a Latina, strada provinciale',
  since: '2026-10-01',
  who: 'several',
  'danger-now': 'no',
  'how-known': 'seen',
}
for (const value of Object.values(ANSWERS)) noteMadeUp(value)

describe('the report form over the API', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  const api = (path = '') => `${server.url}/api/widget/v1/channels/${line.channelId}/report${path}`
  const reportCount = async () =>
    Number((await server.pool.query('select count(*) from report_receipt')).rows[0].count)

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    await giveReportForm(server.pool, line.helplineId)
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Marta')
  })
  after(() => server.close())

  it('serves the form of the settings, and none where a helpline has no form', async () => {
    const form = await call(api())
    assert.equal(form.status, 200)
    assert.equal(form.body.title.it, 'Segnala una situazione')
    assert.deepEqual(
      form.body.questions.map((q: { id: string; type: string }) => `${q.id}:${q.type}`),
      [
        'what:text',
        'where:place',
        'since:date',
        'who:choice',
        'danger-now:yesNo',
        'how-known:choice',
        'contact:text',
        'contact-how:choice',
      ],
    )
    const page = await fetch(`${server.url}/report/${line.channelId}`)
    assert.equal(page.status, 200)
    assert.match(await page.text(), /data-ascolto-mode="report"/)

    const bare = await makeHelpline(server.pool)
    const none = await call(`${server.url}/api/widget/v1/channels/${bare.channelId}/report`)
    assert.equal(none.status, 404)
    assert.equal((await fetch(`${server.url}/report/${bare.channelId}`)).status, 404)
  })

  it('takes a report into the queue on the report door, and the code opens its thread both ways', async () => {
    const sent = await sendReport(server.url, line.channelId, ANSWERS)
    assert.equal(sent.status, 201, JSON.stringify(sent.body))
    const code: string = sent.body.code
    noteMadeUp(code)
    assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/)

    const queue = await call(`${server.url}/api/conversations?helplineId=${line.helplineId}`, {
      cookie: volunteer.cookie,
    })
    const conversation = (queue.body.conversations as ConversationView[]).find(
      (c) => c.channelKind === 'report',
    )
    assert.ok(conversation, 'the report is in the queue')
    assert.equal(conversation.status, 'waiting')
    assert.ok(conversation.dueAt, 'due by the helpline rules')
    const detail = await call(`${server.url}/api/conversations/${conversation.id}`, {
      cookie: volunteer.cookie,
    })
    const report = detail.body.messages.find((m: { kind: string }) => m.kind === 'report')
    assert.deepEqual(
      JSON.parse(report.text).report.map((a: { id: string; value: string }) => [a.id, a.value]),
      [
        ['what', ANSWERS.what],
        ['where', ANSWERS.where],
        ['since', ANSWERS.since],
        ['who', 'Più persone'],
        ['danger-now', 'no'],
        ['how-known', "L'ho visto di persona"],
      ],
    )

    // the desk answers: the answer waits for the code
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${conversation.id}/take`, {
          method: 'POST',
          cookie: volunteer.cookie,
        })
      ).status,
      200,
    )
    const answer = 'Grazie, ci stiamo muovendo. Puoi dirci a che ora le vedi di solito?'
    noteMadeUp(answer)
    const replied = await call(`${server.url}/api/conversations/${conversation.id}/messages`, {
      cookie: volunteer.cookie,
      body: { text: answer },
    })
    assert.equal(replied.status, 201, JSON.stringify(replied.body))

    // typed back by hand: lower case, spaces instead of dashes
    const typed = code.toLowerCase().replaceAll('-', ' ')
    const thread = await call(api('/thread'), { body: { code: typed } })
    assert.equal(thread.status, 200, JSON.stringify(thread.body))
    assert.ok(thread.body.messages.some((m: { text: string }) => m.text === answer))
    assert.equal(thread.body.messages[0].direction, 'inbound')

    const more = {
      code,
      clientId: randomUUID(),
      text: 'Di solito alle sei del mattino, arriva un furgone bianco',
    }
    const added = await call(api('/messages'), { body: more })
    assert.equal(added.status, 201)
    assert.equal((await call(api('/messages'), { body: more })).status, 200, 'a retry is stored once')
    const after = await call(`${server.url}/api/conversations/${conversation.id}`, {
      cookie: volunteer.cookie,
    })
    assert.equal(after.body.messages.filter((m: { text: string }) => m.text === more.text).length, 1)
  })

  it('keeps the code only as an argon2id hash, and the answers only sealed', async () => {
    const { rows } = await server.pool.query(
      `select r.code_hash, r.locator, encode(m.body_sealed, 'escape') as body
         from report_receipt r join conversation c on c.contact_id = r.contact_id join message m on m.conversation_id = c.id`,
    )
    assert.ok(rows.length > 0)
    for (const row of rows) {
      assert.match(row.code_hash, /^\$argon2id\$/)
      assert.doesNotMatch(row.body, /ragazze|Latina/)
    }
  })

  it('answers a wrong, malformed or other helpline code as an unknown one, and stops a guesser', async () => {
    const sent = await sendReport(server.url, line.channelId, ANSWERS)
    const code: string = sent.body.code
    noteMadeUp(code)
    const other = await makeHelpline(server.pool)
    await giveReportForm(server.pool, other.helplineId)
    const guesser = { 'x-forwarded-for': '203.0.113.50' }
    const wrongSecret = `${code.slice(0, 5)}${code
      .slice(5)
      .replace(/[2-9]/g, 'A')
      .replace(/[A-Z]/g, (c) => (c === 'A' ? 'B' : 'A'))}`
    const answers = [
      await call(api('/thread'), { headers: guesser, body: { code: wrongSecret } }),
      await call(api('/thread'), { headers: guesser, body: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' } }),
      await call(api('/thread'), { headers: guesser, body: { code: 'not a code' } }),
      await call(`${server.url}/api/widget/v1/channels/${other.channelId}/report/thread`, {
        headers: guesser,
        body: { code },
      }),
    ]
    for (const answer of answers) {
      assert.equal(answer.status, 404)
      assert.deepEqual(answer.body, answers[0]?.body)
    }
    assert.equal(answers[0]?.body.code, 'ASCOLTO_ERR_RECEIPT_UNKNOWN')
    const { max } = FLOOD_LIMITS.wrongReceiptsPerAddress
    const statuses = []
    for (let i = answers.length; i < max + 2; i++) {
      statuses.push(
        (await call(api('/thread'), { headers: guesser, body: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' } })).status,
      )
    }
    assert.deepEqual(statuses, [...Array(max - answers.length).fill(404), 429, 429])
    // even the right code waits now, from that address; elsewhere it opens
    assert.equal((await call(api('/thread'), { headers: guesser, body: { code } })).status, 429)
    assert.equal(
      (await call(api('/thread'), { headers: { 'x-forwarded-for': '198.51.100.4' }, body: { code } })).status,
      200,
    )
  })

  it('refuses a report without proof of work, with it spent, malformed or oversized, storing nothing', async () => {
    const before = await reportCount()
    const altcha = await solvedChallenge(server.url, line.channelId)
    const refusals = [
      await call(api(), { body: { answers: ANSWERS, language: 'it', altcha: 'bm90IGEgc29sdXRpb24=' } }),
      await call(api(), { body: { answers: { ...ANSWERS, who: 'aliens' }, language: 'it', altcha } }),
      await call(api(), { body: { answers: { where: 'Latina' }, language: 'it', altcha } }),
      await call(api(), { body: { answers: { ...ANSWERS, since: 'ieri' }, language: 'it', altcha } }),
      await call(api(), { body: { answers: { ...ANSWERS, nope: 'x' }, language: 'it', altcha } }),
      await call(api(), {
        body: { answers: { ...ANSWERS, what: 'x'.repeat(5000) }, language: 'it', altcha },
      }),
      await call(api(), { body: '{"answers": ' }),
    ]
    assert.deepEqual(
      refusals.map((r) => r.status),
      [400, 400, 400, 400, 400, 400, 400],
    )
    assert.match(refusals[1]?.body.message, /answers\.who: not one of the options/)
    assert.match(refusals[2]?.body.message, /answers\.what: this question must be answered/)
    const huge = await call(api(), {
      body: { answers: { what: 'x'.repeat(3000) }, language: 'it', altcha: 'y'.repeat(70_000) },
    })
    assert.equal(huge.status, 413)
    assert.equal(await reportCount(), before, 'nothing stored')

    // the solution is good once
    assert.equal((await call(api(), { body: { answers: ANSWERS, language: 'it', altcha } })).status, 201)
    const again = await call(api(), { body: { answers: ANSWERS, language: 'it', altcha } })
    assert.equal(again.status, 400)
    assert.match(again.body.message, /anti-spam/)
  })

  it('erases a report by retention like a person: the code opens nothing, the facts stay', async () => {
    const sent = await sendReport(server.url, line.channelId, ANSWERS)
    noteMadeUp(sent.body.code)
    const factsBefore = Number((await server.pool.query('select count(*) from report_fact')).rows[0].count)
    const later = new Date(Date.now() + 25 * 31 * 24 * 3600_000)
    await purgeInactiveContacts(server.pool, server.services.keyring, { now: later })
    const gone = await call(api('/thread'), { body: { code: sent.body.code } })
    assert.equal(gone.status, 404)
    assert.equal(gone.body.code, 'ASCOLTO_ERR_RECEIPT_UNKNOWN')
    const left = await server.pool.query(
      `select 1 from report_receipt r where not exists (select 1 from case_member m where m.contact_id = r.contact_id)`,
    )
    assert.equal(left.rowCount, 0, 'only the report kept by its case is left')
    assert.equal(
      Number((await server.pool.query('select count(*) from report_fact')).rows[0].count),
      factsBefore,
    )
  })

  it('counts reports in the statistics per answer to the choices', async () => {
    const stats = await call(`${server.url}/api/helplines/${line.helplineId}/statistics`, {
      cookie: volunteer.cookie,
    })
    assert.equal(stats.status, 200, JSON.stringify(stats.body))
    const reports = (stats.body as Statistics).reports
    // three or four reports: fewer than the minimum cell, so '<5' (and every answer given by all of them too)
    assert.equal(reports.total, 'small')
    const who = reports.questions.find((q) => q.id === 'who')
    assert.equal(who?.answers.find((a) => a.id === 'several')?.count, reports.total)
    const danger = reports.questions.find((q) => q.id === 'danger-now')
    assert.equal(danger?.answers.find((a) => a.id === 'no')?.count, reports.total)
  })
})
