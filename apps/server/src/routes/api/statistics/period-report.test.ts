// The period report over the API: a month of crafted facts where one category and one way calls
// ended would single out people, rendered as a PDF; its text (pdftotext) shows '<5' there and never
// the small number, in Italian by default and in English when asked; the wall, the roles, a bad
// period, and the audit. The first page is turned into a picture (pdftoppm) for docs/screenshots.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import { makeHelpline, makeOperator, startTestServer, type TestServer } from '../../../testing/test-server.ts'

const run = promisify(execFile)
const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', '..', '..', '..', '..', 'docs', 'screenshots')

describe('the period report (PDF)', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let outsider: Awaited<ReturnType<typeof makeOperator>>
  let dir: string
  const url = (helplineId: string, query: string) =>
    `${server.url}/api/helplines/${helplineId}/statistics/report.pdf?${query}`

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }], 'Altra')
    await setDeskSettings(server, line.helplineId, coordinator.cookie)
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-report-'))
    // June 2025: 46 about bullying, 12 in dark periods, 3 lonely people (the small cell);
    // answered by the due time but for 9, after 20 s to 3 min in queue; 10 calls answered and 3 to
    // the voicemail (small too)
    await server.pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                      inbound_count, outbound_count, first_response_seconds, duration_seconds,
                                      categories, outcome, due_kept, language, queue_seconds)
       select gen_random_uuid(), $1, $2, 'webchat', date '2025-06-01' + i % 30, date '2025-06-01' + i % 30, 4, 4,
              45 + i * 7, 600 + i * 31,
              case when i < 46 then array['bullying'] when i < 58 then array['dark-periods'] else array['loneliness'] end,
              jsonb_build_object('outcome', case when i % 2 = 0 then 'listened' else 'referred' end), i % 7 <> 0, 'it',
              20 + i * 3
         from generate_series(0, 60) i`,
      [line.helplineId, line.channelId],
    )
    await server.pool.query(
      `insert into call_fact (call_id, helpline_id, channel_id, day, hour, outcome, ring_seconds, talk_seconds)
       select gen_random_uuid(), $1, $2, date '2025-06-02' + i, 10, case when i < 10 then 'answered' else 'voicemail' end,
              8 + i, case when i < 10 then 300 + i * 20 end
         from generate_series(0, 12) i`,
      [line.helplineId, line.channelId],
    )
    // 9 paths of help opened in June, 7 of them closed: 6 with their goal reached, 1 otherwise
    await server.pool.query(
      `insert into case_fact (case_id, helpline_id, kind, opened_on, closed_on, outcome, duration_seconds, contacts, conversations)
       select gen_random_uuid(), $1, 'standard', date '2025-06-01' + i, case when i < 7 then date '2025-06-20' end,
              case when i < 6 then 'goal-reached' when i < 7 then 'other' end, case when i < 7 then 864000 end, 2, 3
         from generate_series(0, 8) i`,
      [line.helplineId],
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
    await server.close()
  })

  async function pdf(helplineId: string, query: string, cookie = coordinator.cookie) {
    const response = await fetch(url(helplineId, query), { headers: { cookie } })
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: await response.bytes(),
    }
  }
  async function textOf(bytes: Uint8Array, name: string) {
    const file = path.join(dir, `${name}.pdf`)
    await writeFile(file, bytes)
    return (await run('pdftotext', ['-layout', file, '-'])).stdout
  }
  const lineWith = (text: string, words: string) => text.split('\n').find((l) => l.includes(words)) ?? ''

  it('reports a month in Italian with "<5" where a cell is small, never the small number', async () => {
    const { status, type, bytes } = await pdf(line.helplineId, 'year=2025&month=6')
    assert.equal(status, 200)
    assert.equal(type, 'application/pdf')
    const text = await textOf(bytes, 'june')
    assert.match(text, /RAPPORTO DI ATTIVITÀ/)
    assert.match(text, /Pagina 1 di 2/)
    assert.match(text, /giugno 2025/)
    assert.match(text, /Contatti per canale/)
    assert.match(lineWith(text, 'Web chat'), /\b61\b/, 'the door counts all 61')
    assert.match(lineWith(text, 'Bullismo'), /\b46\b/)
    const lonely = lineWith(text, 'Solitudine')
    assert.match(lonely, /<5/)
    assert.doesNotMatch(lonely, /(^|[^<])\b3\b/, 'the three lonely people are not counted in the open')
    // the complement: with the total shown, one more category is withheld so "<5" cannot be undone
    assert.match(lineWith(text, 'Periodi bui'), /\*/)
    const voicemail = lineWith(text, 'Segreteria')
    assert.match(voicemail, /<5/)
    assert.doesNotMatch(voicemail, /(^|[^<])\b3\b/)
    assert.match(text, /Risposta entro il tempo previsto\s+52/)
    assert.match(lineWith(text, 'Tempo in coda'), /mediana 1 min 50 s\s+media 1 min 50 s/)
    assert.match(text, /Percorso di aiuto: 9 aperti, 7 chiusi/)
    assert.match(text, /inferiore a 5 è\s+mostrato come «<5»/)
    // the first page as a picture, as a funder will see it
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '2',
      path.join(dir, 'june.pdf'),
      path.join(dir, 'page'),
    ])
    await writeFile(path.join(SCREENSHOTS, 'period-report.png'), await readFile(path.join(dir, 'page-1.png')))
    await writeFile(
      path.join(SCREENSHOTS, 'period-report-2.png'),
      await readFile(path.join(dir, 'page-2.png')),
    )
  })

  it('reports a quarter in English when asked, month by month', async () => {
    const { status, bytes } = await pdf(line.helplineId, 'year=2025&quarter=2&language=en')
    assert.equal(status, 200)
    const text = await textOf(bytes, 'q2')
    assert.match(text, /ACTIVITY REPORT/)
    assert.match(text, /Q2 2025/)
    assert.match(text, /Contacts by month/)
    assert.match(lineWith(text, 'Loneliness'), /<5/)
  })

  it('is for supervisors and coordinators of the helpline only, and refuses a period that is two', async () => {
    assert.equal((await pdf(line.helplineId, 'year=2025', volunteer.cookie)).status, 403)
    assert.equal((await pdf(line.helplineId, 'year=2025', outsider.cookie)).status, 404)
    assert.equal((await pdf(line.helplineId, 'year=2025&quarter=2&month=6')).status, 400)
    assert.equal((await pdf(line.helplineId, 'year=2025&month=13')).status, 400)
  })

  it('records each report in the audit trail, with its days and no figure', async () => {
    const { rows } = await server.pool.query<{ details: Record<string, string> }>(
      `select details from audit_event where helpline_id = $1 and action = 'statistics.exported' order by id`,
      [line.helplineId],
    )
    assert.deepEqual(
      rows.map((row) => row.details),
      [
        { table: 'period-report', from: '2025-06-01', to: '2025-06-30', format: 'pdf', language: 'it' },
        { table: 'period-report', from: '2025-04-01', to: '2025-06-30', format: 'pdf', language: 'en' },
      ],
    )
  })
})
