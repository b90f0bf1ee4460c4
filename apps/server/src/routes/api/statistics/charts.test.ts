// The charts' series and the figures per operator over the API: facts of a March laid by hand, the
// hour × weekday grid and every bar through the small-cell rule, filters that narrow every series
// (the waits and their medians too), a table exported and audited; per operator only for a
// coordinator of a helpline that turned it on, listed by name, never by count; the screen's other
// tables (the calls, the categories, the figures per operator…) as CSV and XLSX with the same cells
// withheld, each audited.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import type { Charts, OperatorFigures } from '@ascolto/protocol'
import ExcelJS from 'exceljs'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

describe('the statistics charts and the figures per operator', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let zoe: Awaited<ReturnType<typeof makeOperator>>
  let outsider: Awaited<ReturnType<typeof makeOperator>>
  const base = () => `${server.url}/api/helplines/${line.helplineId}/statistics`
  const MARCH = 'from=2024-03-01&to=2024-03-31'

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    zoe = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Zoe')
    outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }], 'Altra')
    // Tuesday 12 March at 10: 12 in Italian handled by Zoe; at 22: 2 in English handled by Giulia,
    // one of them flagged; and a February day for the period before. The Italian ones waited 45 s
    // in queue, the English ones a little over half an hour.
    const facts = [
      ...Array.from({ length: 12 }, () => ['2024-03-12', 10, 'it', [], zoe.userId, 120, 45]),
      ...Array.from({ length: 2 }, (_, i) => [
        '2024-03-12',
        22,
        'en',
        i ? ['suicide_self_harm'] : [],
        volunteer.userId,
        4000,
        2000,
      ]),
      ...Array.from({ length: 7 }, () => ['2024-02-20', 9, 'it', [], zoe.userId, 30, 45]),
    ] as const
    for (const [day, hour, language, flags, handledBy, wait, queue] of facts) {
      await server.pool.query(
        `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                        inbound_count, outbound_count, opened_hour, language, flags, handled_by,
                                        first_response_seconds, duration_seconds, queue_seconds)
         values (gen_random_uuid(), $1, $2, 'webchat', $3, $3, 1, 1, $4, $5, $6, $7, $8, $8 * 2, $9)`,
        [line.helplineId, line.channelId, day, hour, language, flags, handledBy, wait, queue],
      )
    }
    // a conversation in French that never closed (retention wrote its fact): a choice of language only
    await server.pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, inbound_count,
                                      outbound_count, language)
       values (gen_random_uuid(), $1, $2, 'webchat', '2024-03-02', 1, 0, 'fr')`,
      [line.helplineId, line.channelId],
    )
    // the March's calls on the same door: 12 answered, and 2 left in the voicemail, which would
    // single out the two who called at night
    for (const outcome of [...Array(12).fill('answered'), 'voicemail', 'voicemail']) {
      await server.pool.query(
        `insert into call_fact (call_id, helpline_id, channel_id, day, outcome, ring_seconds, talk_seconds)
         values (gen_random_uuid(), $1, $2, '2024-03-12', $3, 10, 300)`,
        [line.helplineId, line.channelId, outcome],
      )
    }
  })

  /** A downloaded table opened back by exceljs: its rows of values, from the CSV or the XLSX. */
  async function download(path: string, cookie: string) {
    const answer = await fetch(`${base()}${path}`, { headers: { cookie } })
    assert.equal(answer.status, 200, path)
    const disposition = answer.headers.get('content-disposition') ?? ''
    const workbook = new ExcelJS.Workbook()
    const bytes = await answer.arrayBuffer()
    if (path.includes('.csv')) await workbook.csv.read(Readable.from([Buffer.from(bytes)]))
    else await workbook.xlsx.load(bytes)
    const rows = workbook.worksheets[0]
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1).map((value) => value ?? ''))
    return { disposition, rows: rows ?? [] }
  }
  async function lastExport() {
    const { rows } = await server.pool.query(
      `select actor_id, details from audit_event
        where helpline_id = $1 and action = 'statistics.exported' order by id desc limit 1`,
      [line.helplineId],
    )
    return rows[0] && { actor: rows[0].actor_id, ...rows[0].details }
  }
  after(async () => {
    await server?.close()
  })

  it('lays the month out by weekday and hour, by week, door and language, with small cells withheld', async () => {
    const { status, body } = await call(`${base()}/charts?${MARCH}`, { cookie: supervisor.cookie })
    assert.equal(status, 200)
    const charts = body as Charts
    assert.deepEqual(charts.previous, { from: '2024-01-30', to: '2024-02-29' })
    // Tuesday is the second row: the 2 at ten at night are '<5'; beside the day's total (14) the
    // 12 at ten would give them back, so it is withheld too
    assert.equal(charts.hours.counts[1]?.[22], 'small')
    assert.equal(charts.hours.counts[1]?.[10], 'hidden')
    assert.equal(charts.hours.weekdayTotals[1], 14)
    assert.deepEqual(
      charts.languages.map((bar) => [bar.key, bar.now, bar.before]),
      [
        ['en', 'small', 0],
        ['it', 'hidden', 7],
      ],
    )
    assert.equal(charts.weeks.now.find((week) => week.start === '2024-03-11')?.count, 14)
    assert.ok(JSON.stringify(charts).includes('"small"'))
    assert.ok(!JSON.stringify(charts.hours.counts).includes(':2,'), 'no 2 anywhere in the grid')

    // a filter narrows every conversation series: the flagged one alone
    const flagged: Charts = (
      await call(`${base()}/charts?${MARCH}&flag=suicide_self_harm`, { cookie: supervisor.cookie })
    ).body
    assert.equal(flagged.hours.total, 'small')
    assert.deepEqual(flagged.choices.flags, ['suicide_self_harm'])
    assert.deepEqual(
      flagged.choices.languages,
      ['en', 'fr', 'it'],
      'every language the facts have, closed or not',
    )
    assert.equal(
      (await call(`${base()}/charts?${MARCH}&flag=DROP`, { cookie: supervisor.cookie })).status,
      400,
    )

    // a volunteer reads no statistics; another helpline's coordinator finds none
    assert.equal((await call(`${base()}/charts`, { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(`${base()}/charts`, { cookie: outsider.cookie })).status, 404)
  })

  it('counts the time in queue beside the first reply, filtered as every series, and exports it', async () => {
    const waits = async (filter: string) =>
      ((await call(`${base()}/charts?${MARCH}${filter}`, { cookie: supervisor.cookie })).body as Charts).waits
    const month = await waits('')
    // under a minute: the 12 Italian ones now (withheld beside the two), the 7 of February before;
    // 15 minutes to an hour: the two English ones
    assert.deepEqual(
      month.queue.map((bar) => [bar.key, bar.now, bar.before]),
      [
        ['0', 'hidden', 7],
        ['1', 0, 0],
        ['2', 0, 0],
        ['3', 'small', 0],
        ['4', 0, 0],
        ['5', 0, 0],
        ['6', 0, 0],
      ],
    )
    assert.deepEqual([month.queueMedian, month.firstReplyMedian], [45, 120])
    // a language, a flag: the medians of those conversations alone
    const english = await waits('&language=en')
    assert.deepEqual([english.queueMedian, english.firstReplyMedian], [2000, 4000])
    assert.equal(english.queue[0]?.now, 0)
    const flagged = await waits('&flag=suicide_self_harm')
    assert.deepEqual([flagged.queueMedian, flagged.queue[3]?.now], [2000, 'small'])

    const csv = await fetch(`${base()}/table.csv?table=waits&${MARCH}`, {
      headers: { cookie: supervisor.cookie },
    })
    const [heading, first, , , fourth] = (await csv.text()).trim().split('\n')
    assert.match(heading ?? '', /Tempo in coda: Periodo,Periodo precedente$/)
    assert.match(first ?? '', /,\*,7$/)
    assert.match(fourth ?? '', /,<5,0$/)
  })

  it('exports a table with the same suppressed cells, and audits it', async () => {
    const csv = await fetch(`${base()}/table.csv?table=languages&${MARCH}`, {
      headers: { cookie: supervisor.cookie },
    })
    assert.equal(csv.status, 200)
    assert.match(
      csv.headers.get('content-disposition') ?? '',
      /statistiche-languages-2024-03-01-2024-03-31\.csv/,
    )
    const rows = (await csv.text()).trim().split('\n')
    assert.deepEqual(rows.slice(1), ['en,<5,0', 'it,*,7'])
    const { rows: audited } = await server.pool.query(
      `select details from audit_event where helpline_id = $1 and action = 'statistics.exported'`,
      [line.helplineId],
    )
    assert.deepEqual(audited.at(-1)?.details, {
      table: 'languages',
      from: '2024-03-01',
      to: '2024-03-31',
      format: 'csv',
    })
    assert.equal((await call(`${base()}/table.csv?table=people`, { cookie: supervisor.cookie })).status, 400)
  })

  it('shows the figures per operator only to coordinators, only once turned on, by name', async () => {
    const operators = `${base()}/operators?${MARCH}`
    // off by default: even a coordinator is refused
    const off = await call(operators, { cookie: coordinator.cookie })
    assert.equal(off.status, 403)
    const settingsUrl = `${server.url}/api/helplines/${line.helplineId}/settings`
    const settings = (await call(settingsUrl, { cookie: coordinator.cookie })).body
    const on = await call(settingsUrl, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { ...settings, statistics: { perOperator: true } },
    })
    assert.equal(on.status, 200)

    assert.equal((await call(operators, { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(operators, { cookie: supervisor.cookie })).status, 403)
    assert.equal((await call(operators, { cookie: outsider.cookie })).status, 404)
    const { status, body } = await call(operators, { cookie: coordinator.cookie })
    assert.equal(status, 200)
    const figures = body as OperatorFigures
    // by name: Giulia (2, '<5') before Zoe (12), though Zoe handled more
    assert.deepEqual(
      figures.operators.map((o) => [o.name, o.handled, o.firstReplyMedian]),
      [
        ['Giulia', 'small', 4000],
        ['Zoe', 12, 120],
      ],
    )
  })

  it('exports the calls with the small cell and its complement withheld, in CSV and XLSX, audited', async () => {
    // the door's 2 in the voicemail are '<5'; the 12 answered beside them, in a row whose 14 calls
    // are shown, would give them back: '*'; the same on the line of every door together
    const csv = await download(`.csv?table=calls&${MARCH}`, supervisor.cookie)
    assert.match(csv.disposition, /attachment; filename="statistiche-calls-2024-03-01-2024-03-31\.csv"/)
    const figures = (rows: unknown[][]) => rows.slice(1).map((row) => row.slice(0, 7))
    const expected = [
      [14, '*', 0, '<5', 0, 0],
      [14, '*', 0, '<5', 0, 0],
    ]
    assert.deepEqual(
      figures(csv.rows).map((row) => row.slice(1)),
      expected,
    )
    assert.deepEqual(csv.rows[0]?.slice(0, 7), [
      'Canale',
      'Chiamate',
      'Con risposta',
      'Senza risposta',
      'In segreteria',
      'Chiuse mentre squillavano',
      'Rifiutate',
    ])
    assert.equal(csv.rows.at(-1)?.[0], 'Tutti i canali')
    assert.ok(!csv.rows.flat().includes(12) && !csv.rows.flat().includes(2), 'neither 12 nor 2 leaves')
    assert.deepEqual(await lastExport(), {
      actor: supervisor.userId,
      table: 'calls',
      from: '2024-03-01',
      to: '2024-03-31',
      format: 'csv',
    })

    const xlsx = await download(`.xlsx?table=calls&${MARCH}`, supervisor.cookie)
    assert.deepEqual(
      figures(xlsx.rows).map((row) => row.slice(1)),
      expected,
    )
    assert.equal((await lastExport())?.format, 'xlsx')
  })

  it('exports the categories with the complement withheld, and refuses what is not a table', async () => {
    // 12 on one category, 2 on the other, of 14 closed: the 2 are '<5', the 12 '*'
    await server.pool.query(
      `update conversation_fact set categories = case when language = 'en' then '{danger}'::text[] else '{talk}' end
        where helpline_id = $1`,
      [line.helplineId],
    )
    for (const format of ['csv', 'xlsx']) {
      const { rows } = await download(`.${format}?table=closedByCategory&${MARCH}`, coordinator.cookie)
      assert.deepEqual(
        rows.map((row) => row.map(String)),
        [
          ['Categoria', 'Conversazioni'],
          ['danger (rimossa)', '<5'],
          ['talk (rimossa)', '*'],
          ['Senza categoria', '0'],
        ],
        format,
      )
    }
    // every table of the screen downloads; a volunteer gets none, nor another helpline's coordinator
    for (const table of [
      'conversations',
      'closingForm',
      'casesByKind',
      'referralsByPartner',
      'survey',
      'reports',
    ]) {
      const { rows } = await download(`.xlsx?table=${table}&${MARCH}`, supervisor.cookie)
      assert.ok(rows.length >= 1, table)
      assert.equal((await lastExport())?.table, table)
    }
    assert.equal((await call(`${base()}.csv?table=people`, { cookie: supervisor.cookie })).status, 400)
    assert.equal(
      (await call(`${base()}.csv?table=calls&door=${line.channelId}`, { cookie: supervisor.cookie })).status,
      400,
    )
    assert.equal((await call(`${base()}.pdf?table=calls`, { cookie: supervisor.cookie })).status, 400)
    assert.equal((await call(`${base()}.csv?table=calls`, { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(`${base()}.csv?table=calls`, { cookie: outsider.cookie })).status, 404)
  })

  it('exports the figures per operator to coordinators only, by name, audited', async () => {
    // turned on by the test before: a supervisor is still refused, and nothing is audited for them
    const earlier = await lastExport()
    assert.equal((await call(`${base()}/operators.csv?${MARCH}`, { cookie: supervisor.cookie })).status, 403)
    assert.equal((await call(`${base()}/operators.csv?${MARCH}`, { cookie: outsider.cookie })).status, 404)
    assert.deepEqual(await lastExport(), earlier)
    for (const format of ['csv', 'xlsx']) {
      const { rows, disposition } = await download(`/operators.${format}?${MARCH}`, coordinator.cookie)
      assert.match(disposition, new RegExp(`statistiche-operators-2024-03-01-2024-03-31\\.${format}`))
      // Giulia's 2 are '<5'; by name, not by count: Giulia before Zoe
      assert.deepEqual(
        rows.map((row) => row.map(String)),
        [
          [
            'Operatrice o operatore',
            'Conversazioni seguite',
            'Prima risposta, mediana (s)',
            'Durata, mediana (s)',
          ],
          ['Giulia', '<5', '4000', '8000'],
          ['Zoe', '12', '120', '240'],
        ],
      )
      assert.deepEqual(await lastExport(), {
        actor: coordinator.userId,
        table: 'operators',
        from: '2024-03-01',
        to: '2024-03-31',
        format,
      })
    }
  })
})
