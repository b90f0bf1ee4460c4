// The cases in the statistics: from case_fact only, per kind, opened and closed in the period, how
// long the closed ones lasted, people and conversations per case, outcomes; an erased case still
// counted; nothing of another helpline.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CaseView, ConversationView, Statistics } from '@ascolto/protocol'
import { setEmergencyProcedure, writeIn } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('cases in the statistics', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let coordinator: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    await setEmergencyProcedure(server, line.helplineId, coordinator.cookie)
  })
  after(() => server?.close())

  const api = (path: string, body?: unknown, method?: string, cookie = volunteer.cookie) =>
    call(`${server.url}/api${path}`, { cookie, body, method })

  async function handled(text: string) {
    await writeIn(server, line.channelId, visitorToken(), text)
    const queue = await api('/conversations?status=waiting')
    const id = queue.body.conversations.find((c: ConversationView) => c.preview === text).id as string
    assert.equal((await api(`/conversations/${id}/take`, {})).status, 200)
    return id
  }
  async function opened(text: string, kind: 'standard' | 'emergency' = 'standard') {
    const made = await api('/cases', { conversationId: await handled(text), title: 'Percorso', kind })
    assert.equal(made.status, 201)
    return made.body as CaseView
  }
  /** Closes the case as if it had opened `days` ago. */
  async function closedAfter(view: CaseView, days: number, outcome: string) {
    await server.pool.query(
      `update help_case set opened_at = now() - make_interval(days => $2) where id = $1`,
      [view.id, days],
    )
    const closed = await api(`/cases/${view.id}`, { status: 'closed', outcome }, 'PATCH')
    assert.equal(closed.status, 200)
  }

  it('counts per kind the cases opened and closed, their length, people, conversations and outcomes', async () => {
    const first = await opened('Mio figlio gioca tutto lo stipendio')
    const relative = await handled('Sono il padre, chiamo per lo stesso ragazzo')
    await api(`/cases/${first.id}/conversations`, { conversationId: relative, relation: 'padre' })
    await closedAfter(first, 2, 'goal-reached')
    await closedAfter(await opened('Ho bisogno di un SerD'), 4, 'referred')
    await opened('Sono in stazione, ho paura', 'emergency')
    // a case reopened is open again: not counted as closed
    const reopened = await opened('Ci ripenso')
    await closedAfter(reopened, 1, 'declined')
    assert.equal((await api(`/cases/${reopened.id}`, { status: 'open' }, 'PATCH')).status, 200)

    const stats = await api(`/helplines/${line.helplineId}/statistics`, undefined, 'GET', coordinator.cookie)
    assert.equal(stats.status, 200)
    const [emergency, standard] = (stats.body as Statistics).cases
    assert.deepEqual(emergency, {
      kind: 'emergency',
      // fewer than five: '<5', like every count below
      opened: 'small',
      closed: 0,
      duration: { median: null, average: null },
      contacts: { median: null, average: null },
      conversations: { median: null, average: null },
      outcomes: [],
    })
    assert.ok(standard)
    const { duration, ...rest } = standard
    assert.deepEqual(rest, {
      kind: 'standard',
      opened: 'small',
      closed: 'small',
      contacts: { median: 1.5, average: 1.5 },
      conversations: { median: 1.5, average: 1.5 },
      outcomes: [
        { outcome: 'goal-reached', count: 'small' },
        { outcome: 'referred', count: 'small' },
      ],
    })
    // two and four days: three, and the seconds the requests took
    for (const figure of [duration.median, duration.average]) {
      assert.ok(figure !== null && figure >= 3 * 86_400 && figure < 3 * 86_400 + 120, String(figure))
    }

    // a volunteer reads no statistics; another helpline's are out of reach
    assert.equal((await api(`/helplines/${line.helplineId}/statistics`)).status, 403)
    const outsider = await makeOperator(server, [
      { helplineId: (await makeHelpline(server.pool)).helplineId, role: 'coordinator' },
    ])
    assert.equal(
      (await api(`/helplines/${line.helplineId}/statistics`, undefined, 'GET', outsider.cookie)).status,
      404,
    )
  })
})
