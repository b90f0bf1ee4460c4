// The statistics over the API: conversations closed through the desk, with categories and the
// closing form's outcome, counted per door, per category and per answer; the first response and
// the duration as median and average; labels from the settings, removed ids by id; the wall.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, Statistics } from '@ascolto/protocol'
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
      'select first_response_seconds from conversation_fact where conversation_id = any($1) order by conversation_id',
      [ids],
    )
    assert.equal(rows.filter((row) => row.first_response_seconds === null).length, 1, 'the unanswered one')
    // the waits and lengths a real evening has, in place of the test's milliseconds
    const timings = [
      [30, 600],
      [60, 1200],
      [300, 1800],
      [null, 6000],
    ]
    for (const [index, [firstResponse, duration]] of timings.entries()) {
      await server.pool.query(
        'update conversation_fact set first_response_seconds = $2, duration_seconds = $3 where conversation_id = $1',
        [ids[index], firstResponse, duration],
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
        closed: 4,
        answered: 0,
        ...times,
      },
    ])
    assert.deepEqual(body.total, { closed: 4, answered: 0, ...times })
    assert.deepEqual(body.categories, [
      { id: 'loneliness', label: { it: 'Solitudine', en: 'Loneliness' }, count: 2 },
      { id: 'bullying', label: { it: 'Bullismo', en: 'Bullying' }, count: 2 },
      { id: 'dark-periods', label: { it: 'Periodi bui', en: 'Dark periods' }, count: 0 },
    ])
    assert.equal(body.withoutCategory, 1)
    assert.deepEqual(body.closingForm, [
      {
        id: 'outcome',
        label: { it: 'Esito', en: 'Outcome' },
        answers: [
          { id: 'listened', label: { it: 'Ascoltata', en: 'Listened to' }, count: 3 },
          {
            id: 'referred',
            label: { it: 'Indirizzata a un servizio', en: 'Referred to a service' },
            count: 1,
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
        ['bullying', 'Bullismo', 2],
        ['dark-periods', 'Periodi bui', 0],
        ['loneliness', null, 2],
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
          4,
        ],
        [
          'outcome',
          [
            ['listened', 3],
            ['other', 0],
            ['referred', 1],
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
    })
    assert.deepEqual(
      lastYear.categories.map((c) => c.count),
      [0, 0],
    )
    assert.equal(lastYear.withoutCategory, 0)
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
