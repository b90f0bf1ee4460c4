// The statistics over the API: conversations closed through the desk, with categories and the
// closing form's outcome, counted per door, per category and per answer; the first response and
// the duration and the time in queue as median and average; labels from the settings, removed ids
// by id; the wall.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, CrossTable, Statistics } from '@ascolto/protocol'
import ExcelJS from 'exceljs'
import { DESK_SETTINGS, setDeskSettings, writeIn } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('the statistics over the API', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let outsider: Awaited<ReturnType<typeof makeOperator>>
  const url = () => `${server.url}/api/helplines/${line.helplineId}/statistics`

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }], 'Altra')
    await setDeskSettings(server, line.helplineId, coordinator.cookie)

    // four conversations through the desk; the last gets no reply
    const closings = [
      { categories: ['bullying', 'loneliness'], outcome: { outcome: 'referred' }, reply: true },
      { categories: ['bullying'], outcome: { outcome: 'listened' }, reply: true },
      { categories: [], outcome: { outcome: 'listened' }, reply: true },
      { categories: ['loneliness'], outcome: { outcome: 'listened' }, reply: false },
    ]
    const ids: string[] = []
    for (const [index, { reply, ...form }] of closings.entries()) {
      ids.push(await closeOne(line, volunteer.cookie, `Conversazione ${index}`, reply, form))
    }
    // another helpline's conversation, which must not count here
    const elsewhere = await makeOperator(server, [{ helplineId: other.helplineId, role: 'volunteer' }])
    await closeOne(other, elsewhere.cookie, 'Altrove', true, {})

    const { rows } = await server.pool.query(
      'select first_response_seconds, queue_seconds from conversation_fact where conversation_id = any($1) order by conversation_id',
      [ids],
    )
    assert.equal(rows.filter((row) => row.first_response_seconds === null).length, 1, 'the unanswered one')
    assert.ok(
      rows.every((row) => typeof row.queue_seconds === 'number'),
      'each was taken from the queue: its time there is kept',
    )
    // the waits and lengths a real evening has, in place of the test's milliseconds
    const timings = [
      [20, 30, 600],
      [40, 60, 1200],
      [90, 300, 1800],
      [600, null, 6000],
    ]
    for (const [index, [queue, firstResponse, duration]] of timings.entries()) {
      await server.pool.query(
        `update conversation_fact set queue_seconds = $2, first_response_seconds = $3, duration_seconds = $4
          where conversation_id = $1`,
        [ids[index], queue, firstResponse, duration],
      )
    }
  })
  after(() => server.close())

  async function closeOne(
    helpline: { channelId: string },
    cookie: string,
    text: string,
    reply: boolean,
    form: object,
  ) {
    await writeIn(server, helpline.channelId, visitorToken(), text)
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie })
    const { id } = queue.body.conversations.find((c: ConversationView) => c.preview === text)
    const conversation = `${server.url}/api/conversations/${id}`
    assert.equal((await call(`${conversation}/take`, { cookie, body: {} })).status, 200)
    if (reply) await call(`${conversation}/messages`, { cookie, body: { text: 'Ti ascolto.' } })
    assert.equal((await call(`${conversation}/close`, { cookie, body: form })).status, 200)
    return id as string
  }

  it('counts per door, category and answer, with the median and average waits and lengths', async () => {
    const stats = await call(url(), { cookie: supervisor.cookie })
    assert.equal(stats.status, 200)
    const body: Statistics = stats.body
    const times = {
      queue: { median: 65, average: 188 },
      firstResponse: { median: 60, average: 130 },
      duration: { median: 1500, average: 2400 },
      // every one was answered: none ended before an answer
      abandoned: 0,
      abandonedWait: { median: null, average: null },
    }
    assert.deepEqual(body.channels, [
      {
        channelId: line.channelId,
        channelName: 'Web chat',
        channelKind: 'webchat',
        closed: 'small',
        answered: 0,
        ...times,
      },
    ])
    // four conversations: fewer than five, so every count but the zeros reads '<5'
    assert.equal(body.minimumCell, 5)
    assert.deepEqual(body.total, { closed: 'small', answered: 0, ...times })
    assert.deepEqual(body.categories, [
      { id: 'loneliness', label: { it: 'Solitudine', en: 'Loneliness' }, count: 'small' },
      { id: 'bullying', label: { it: 'Bullismo', en: 'Bullying' }, count: 'small' },
      { id: 'dark-periods', label: { it: 'Periodi bui', en: 'Dark periods' }, count: 0 },
    ])
    assert.equal(body.withoutCategory, 'small')
    assert.deepEqual(body.closingForm, [
      {
        id: 'outcome',
        label: { it: 'Esito', en: 'Outcome' },
        answers: [
          { id: 'listened', label: { it: 'Ascoltata', en: 'Listened to' }, count: 'small' },
          {
            id: 'referred',
            label: { it: 'Indirizzata a un servizio', en: 'Referred to a service' },
            count: 'small',
          },
        ],
        unanswered: 0,
      },
    ])
    assert.equal(body.language, 'it')
    assert.deepEqual(body.survey, { questions: [], counts: [] })
    // coordinators read them too
    assert.equal((await call(url(), { cookie: coordinator.cookie })).status, 200)
  })

  it('shows what the settings no longer have by its id, and a period with nothing as zeros', async () => {
    const { categories, closingForm } = DESK_SETTINGS
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      ...DESK_SETTINGS,
      categories: categories.filter((c) => c.id !== 'loneliness'),
      closingForm: [
        {
          id: 'next',
          label: { it: 'Passo successivo' },
          options: [
            { id: 'none', label: { it: 'Nessuno' } },
            { id: 'call-back', label: { it: 'Richiamare' } },
          ],
        },
        {
          ...closingForm[0],
          options: [
            ...(closingForm[0]?.options.filter((o) => o.id !== 'referred') ?? []),
            { id: 'other', label: { it: 'Altro' } },
          ],
        },
      ],
    })
    const body: Statistics = (await call(url(), { cookie: supervisor.cookie })).body
    assert.deepEqual(
      body.categories.map(({ id, label, count }) => [id, label?.it ?? null, count]),
      [
        ['bullying', 'Bullismo', 'small'],
        ['dark-periods', 'Periodi bui', 0],
        ['loneliness', null, 'small'],
      ],
    )
    assert.deepEqual(
      body.closingForm.map(({ id, answers, unanswered }) => [
        id,
        answers.map((a) => [a.id, a.count]),
        unanswered,
      ]),
      [
        [
          'next',
          [
            ['none', 0],
            ['call-back', 0],
          ],
          'small',
        ],
        [
          'outcome',
          [
            ['listened', 'small'],
            ['other', 0],
            ['referred', 'small'],
          ],
          0,
        ],
      ],
    )
    assert.equal(body.closingForm[1]?.answers[2]?.label, null, 'the removed answer has no label')

    const lastYear: Statistics = (
      await call(`${url()}?from=2025-01-01&to=2025-12-31`, { cookie: supervisor.cookie })
    ).body
    assert.deepEqual([lastYear.from, lastYear.to], ['2025-01-01', '2025-12-31'])
    assert.deepEqual(lastYear.channels, [])
    assert.deepEqual(lastYear.total, {
      closed: 0,
      answered: 0,
      firstResponse: { median: null, average: null },
      duration: { median: null, average: null },
      abandoned: 0,
      abandonedWait: { median: null, average: null },
      queue: { median: null, average: null },
    })
    assert.deepEqual(
      lastYear.categories.map((c) => c.count),
      [0, 0],
    )
    assert.equal(lastYear.withoutCategory, 0)
  })

  it('withholds the one person of a door of their own, and the door the total would give them away by', async () => {
    await setDeskSettings(server, line.helplineId, coordinator.cookie)
    // a March long ago: twelve conversations in the web chat (one about loneliness), one on a door
    // since removed (its facts keep the kind); the one there is the cell that singles a person out
    const facts = [
      ...Array.from({ length: 11 }, () => ({
        channelId: line.channelId,
        kind: 'webchat',
        categories: ['bullying'],
      })),
      { channelId: line.channelId, kind: 'webchat', categories: ['loneliness'] },
      { channelId: null, kind: 'telegram', categories: ['loneliness'] },
    ]
    for (const fact of facts) {
      await server.pool.query(
        `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                        inbound_count, outbound_count, categories, outcome)
         values (gen_random_uuid(), $1, $2, $3, '2024-03-05', '2024-03-05', 2, 2, $4, '{"outcome": "listened"}')`,
        [line.helplineId, fact.channelId, fact.kind, fact.categories],
      )
    }
    const march = `${url()}?from=2024-03-01&to=2024-03-31`
    const body: Statistics = (await call(march, { cookie: supervisor.cookie })).body
    // 12 + 1 = 13: the web chat's 12 would give the one away, so it is withheld too; the total stays
    assert.deepEqual(
      body.channels.map((door) => [door.channelKind, door.closed]),
      [
        ['telegram', 'small'],
        ['webchat', 'hidden'],
      ],
    )
    assert.equal(body.total.closed, 13)
    // 2 about loneliness of 13: the 11 about bullying would give them away
    assert.deepEqual(
      body.categories.map((c) => [c.id, c.count]),
      [
        ['loneliness', 'small'],
        ['bullying', 'hidden'],
        ['dark-periods', 0],
      ],
    )
    assert.equal(body.withoutCategory, 0)
    // nothing small here: every figure shown
    assert.deepEqual(
      body.closingForm[0]?.answers.map((a) => [a.id, a.count]),
      [
        ['listened', 13],
        ['referred', 0],
      ],
    )

    // the minimum cell is a setting, never below 5
    const settingsUrl = `${server.url}/api/helplines/${line.helplineId}/settings`
    const settings = (await call(settingsUrl, { cookie: coordinator.cookie })).body
    const put = (minimumCell: number) =>
      call(settingsUrl, {
        method: 'PUT',
        cookie: coordinator.cookie,
        body: { ...settings, statistics: { minimumCell } },
      })
    assert.equal((await put(4)).status, 400)
    assert.equal((await call(march, { cookie: supervisor.cookie })).body.minimumCell, 5, 'nothing changed')
    assert.equal((await put(12)).status, 200)
    const higher: Statistics = (await call(march, { cookie: supervisor.cookie })).body
    assert.equal(higher.minimumCell, 12)
    assert.deepEqual(
      higher.categories.map((c) => c.count),
      ['small', 'small', 0],
    )
    assert.equal(higher.total.closed, 13)
  })

  it('cross-tabulates door × category with the same rule, beside the days before, and exports it audited', async () => {
    // the March of the test before, at the default minimum again
    const settingsUrl = `${server.url}/api/helplines/${line.helplineId}/settings`
    const { statistics: _, ...settings } = (await call(settingsUrl, { cookie: coordinator.cookie })).body
    assert.equal(
      (await call(settingsUrl, { method: 'PUT', cookie: coordinator.cookie, body: settings })).status,
      200,
    )
    const query = 'rows=door&columns=category&from=2024-03-01&to=2024-03-31'
    const cross = await call(`${url()}/cross?${query}`, { cookie: supervisor.cookie })
    assert.equal(cross.status, 200, JSON.stringify(cross.body))
    const table: CrossTable = cross.body
    assert.deepEqual(
      table.rows.map((row) => [row.key, row.name]),
      [
        [line.channelId, 'Web chat'],
        ['telegram', null],
      ],
    )
    assert.deepEqual(
      table.columns.map((column) => column.key),
      ['loneliness', 'bullying'],
    )
    // web chat: 1 about loneliness, 11 bullying (12); telegram: 1 about loneliness. Every line
    // with a single small cell gets a second one withheld; the 13 of them all stays
    assert.deepEqual(table.counts, {
      cells: [
        ['small', 'hidden'],
        ['small', 0],
      ],
      rowTotals: ['hidden', 'small'],
      columnTotals: ['small', 'hidden'],
      total: 13,
    })
    assert.deepEqual([table.previous.from, table.previous.to], ['2024-01-30', '2024-02-29'])
    assert.equal(table.previous.counts.total, 0)

    const exported = await fetch(`${url()}/cross.xlsx?${query}`, { headers: { cookie: supervisor.cookie } })
    assert.equal(exported.status, 200)
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment; filename=".*\.xlsx"/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await exported.arrayBuffer())
    const sheet = workbook.worksheets[0]
    const rows = sheet
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1))
    assert.deepEqual(rows, [
      ['door \\ category', 'Solitudine', 'Bullismo', 'Totale'],
      ['Web chat', '<5', '*', '*'],
      ['telegram', '<5', 0, '<5'],
      ['Totale', '<5', '*', 13],
    ])
    const csv = await fetch(`${url()}/cross.csv?${query}`, { headers: { cookie: coordinator.cookie } })
    assert.equal(csv.status, 200)
    assert.match(await csv.text(), /^"?door \\ category"?,Solitudine,Bullismo,Totale/)
    const audited = await server.pool.query(
      `select actor_id, details from audit_event where helpline_id = $1 and action = 'statistics.exported' order by id`,
      [line.helplineId],
    )
    assert.deepEqual(
      audited.rows.map((row) => [row.actor_id, row.details.format, row.details.table]),
      [
        [supervisor.userId, 'xlsx', 'door×category'],
        [coordinator.userId, 'csv', 'door×category'],
      ],
    )

    for (const bad of [
      'rows=door',
      'rows=door&columns=mood',
      'rows=answer:Outcome&columns=door',
      'rows=door&columns=risk&door=x',
    ]) {
      assert.equal((await call(`${url()}/cross?${bad}`, { cookie: supervisor.cookie })).status, 400, bad)
    }
    assert.equal((await call(`${url()}/cross?${query}`, { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(`${url()}/cross?${query}`, { cookie: outsider.cookie })).status, 404)
    assert.equal((await call(`${url()}/cross.xlsx?${query}`, { cookie: outsider.cookie })).status, 404)
    assert.equal((await call(`${url()}/cross.pdf?${query}`, { cookie: supervisor.cookie })).status, 400)
  })

  it('refuses bad days, volunteers, and answers 404 beyond the wall', async () => {
    for (const bad of [
      'from=2026-13-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-12-02&to=2026-12-01',
      'from=ieri',
      'to=2026-1-1',
      'since=2026-01-01',
    ]) {
      const refused = await call(`${url()}?${bad}`, { cookie: supervisor.cookie })
      assert.equal(refused.status, 400, bad)
    }
    assert.equal((await call(url(), { cookie: volunteer.cookie })).status, 403)
    assert.equal((await call(url())).status, 401)
    assert.equal((await call(url(), { cookie: outsider.cookie })).status, 404)
    const nowhere = `${server.url}/api/helplines/00000000-0000-4000-8000-000000000000/statistics`
    assert.equal((await call(nowhere, { cookie: supervisor.cookie })).status, 404)
  })
})
