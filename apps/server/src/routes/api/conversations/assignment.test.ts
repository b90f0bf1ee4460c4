// Who gets a conversation: a helpline that assigns automatically gives it to the least busy
// volunteer who is available and signed in, under its limit; nobody free, it waits, and goes to
// whoever becomes free. Taking by hand is refused at the limit too.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView } from '@ascolto/protocol'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('assignment and the limit of conversations at once', () => {
  let server: TestServer

  before(async () => {
    server = await startTestServer()
  })
  after(() => server.close())

  async function lineWith(desk: object) {
    const line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie, desk)
    return line
  }

  async function writeIn(channelId: string, text: string) {
    const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text },
    })
    assert.equal(sent.status, 201)
    const { rows } = await server.pool.query<{ status: string; assignee_id: string | null; id: string }>(
      `select c.id, c.status, c.assignee_id from conversation c join message m on m.conversation_id = c.id
        where c.helpline_id = (select helpline_id from channel where id = $1) and m.direction = 'inbound'
        order by m.seq desc limit 1`,
      [channelId],
    )
    return rows[0] as { status: string; assignee_id: string | null; id: string }
  }

  it('gives each new conversation to the least busy available volunteer, and waits when none is free', async () => {
    const line = await lineWith({ assignment: 'automatic', maxConcurrent: 1 })
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    const bruno = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Bruno')
    const carlo = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Carlo')
    await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    const away = await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: bruno.cookie,
      body: { availability: 'away' },
    })
    assert.deepEqual(away.body, { availability: 'away' })
    // Carlo is available but signed out: not given anything
    await call(`${server.url}/api/session`, { method: 'DELETE', cookie: carlo.cookie })

    const first = await writeIn(line.channelId, 'Prima persona')
    assert.deepEqual([first.status, first.assignee_id], ['open', anna.userId])
    const second = await writeIn(line.channelId, 'Seconda persona')
    assert.deepEqual(
      [second.status, second.assignee_id],
      ['waiting', null],
      'Anna is at the limit, Bruno away',
    )

    // Bruno comes back: the waiting conversation is his
    await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: bruno.cookie,
      body: { availability: 'available' },
    })
    const mine = await call(`${server.url}/api/conversations?status=mine`, { cookie: bruno.cookie })
    assert.deepEqual(
      mine.body.conversations.map((c: ConversationView) => c.id),
      [second.id],
    )

    // both at the limit: the third waits, until Anna closes hers
    const third = await writeIn(line.channelId, 'Terza persona')
    assert.equal(third.status, 'waiting')
    const closed = await call(`${server.url}/api/conversations/${first.id}/close`, {
      cookie: anna.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    const after = await server.pool.query('select status, assignee_id from conversation where id = $1', [
      third.id,
    ])
    assert.deepEqual(after.rows[0], { status: 'open', assignee_id: anna.userId })
    assert.deepEqual((await call(`${server.url}/api/availability`, { cookie: anna.cookie })).body, {
      availability: 'available',
    })
  })

  it('prefers the volunteers on shift now, then the others', async () => {
    const line = await lineWith({ assignment: 'automatic', maxConcurrent: 2 })
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    const bruno = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Bruno')
    // Bruno is on the rota all of today and tomorrow (a test running across midnight stays on it)
    const { rows } = await server.pool.query<{ today: string; tomorrow: string }>(
      `select (now() at time zone 'Europe/Rome')::date::text as today,
              ((now() at time zone 'Europe/Rome')::date + 1)::text as tomorrow`,
    )
    for (const day of [rows[0]?.today, rows[0]?.tomorrow]) {
      const shift = await call(`${server.url}/api/helplines/${line.helplineId}/shifts`, {
        cookie: coordinator.cookie,
        body: { startsOn: day, start: '00:00', end: '24:00', needs: { volunteer: 1 } },
      })
      const placed = await call(`${server.url}/api/shifts/${shift.body.id}/assignments`, {
        cookie: bruno.cookie,
        body: { date: day, role: 'volunteer' },
      })
      assert.equal(placed.status, 201)
    }
    // on shift wins over a lighter load: Anna gets one only once Bruno is at the limit
    const assignees = []
    for (const text of ['Uno', 'Due', 'Tre'])
      assignees.push((await writeIn(line.channelId, text)).assignee_id)
    assert.deepEqual(assignees, [bruno.userId, bruno.userId, anna.userId])
  })

  it('refuses a volunteer taking more than the limit by hand, not a supervisor', async () => {
    const line = await lineWith({ maxConcurrent: 1 })
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    const first = await writeIn(line.channelId, 'Uno')
    const second = await writeIn(line.channelId, 'Due')
    const third = await writeIn(line.channelId, 'Tre')
    assert.equal(first.status, 'waiting', 'manual assignment: the queue waits')
    const take = (cookie: string, id: string) =>
      call(`${server.url}/api/conversations/${id}/take`, { cookie, body: {} })
    assert.equal((await take(anna.cookie, first.id)).status, 200)
    const refused = await take(anna.cookie, second.id)
    assert.equal(refused.status, 409)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_LIMIT_REACHED')
    assert.equal((await take(sara.cookie, second.id)).status, 200)
    assert.equal((await take(sara.cookie, third.id)).status, 200)
  })
})
