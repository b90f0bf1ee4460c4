// The rota through the API on a real database: a coordinator builds an evening shift, the week
// names its gaps, operators sign up, are assigned, confirm, swap and give back;
// listOperatorsOnShift says who is on at an instant; the calendar feed is an iCalendar a parser
// reads back, and renewing it ends the old address. Volunteers cannot build; the wall holds.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listOperatorsOnShift } from '@ascolto/core'
import ICAL from 'ical.js'
import { rome, setOpening } from '../../../testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

// Monday 2 March 2026, noon in Rome
const NOW = rome('2026-03-02 12:00')
let now = NOW
const EVENINGS = { start: '18:00', end: '21:00' }

describe('the rota', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer({}, { clock: () => now })
  })
  after(async () => server.close())

  async function eveningLine() {
    const { helplineId } = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Coordinatrice')
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
    await setOpening(
      server,
      helplineId,
      coordinator.cookie,
      Object.fromEntries(days.map((d) => [d, [EVENINGS]])),
    )
    return { helplineId, coordinator }
  }

  const week = async (helplineId: string, cookie: string, monday = '2026-03-02') => {
    const answer = await call(`${server.url}/api/helplines/${helplineId}/rota?week=${monday}`, { cookie })
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
    return answer.body
  }
  const hours = (iso: string) =>
    new Date(iso).toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' })
  const gapsOn = (
    body: {
      gaps: Array<{ kind: string; startsAt: string; endsAt: string; role?: string; missing?: number }>
    },
    day: string,
  ) =>
    body.gaps
      .filter((g) => g.startsAt.startsWith(day))
      .map(
        (g) => `${hours(g.startsAt)}–${hours(g.endsAt)} ${g.kind}${g.role ? ` ${g.missing} ${g.role}` : ''}`,
      )

  it('builds a week, names its gaps, fills them, and says who is on shift', async () => {
    const { helplineId, coordinator } = await eveningLine()
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Bruno')
    const empty = await week(helplineId, coordinator.cookie)
    assert.equal(empty.gaps.length, 7)
    assert.deepEqual(gapsOn(empty, '2026-03-07'), ['18:00–21:00 unstaffed'])

    const body = {
      startsOn: '2026-03-02',
      start: '18:00',
      end: '21:00',
      weekdays: ['MO', 'SA'],
      needs: { volunteer: 2, supervisor: 1 },
    }
    const refused = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: volunteer.cookie,
      body,
    })
    assert.equal(refused.status, 403)
    const bad = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: { ...body, needs: {} },
    })
    assert.equal(bad.status, 400)
    const created = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body,
    })
    assert.equal(created.status, 201)
    const shiftId = created.body.id

    const built = await week(helplineId, coordinator.cookie)
    assert.deepEqual(
      built.occurrences.map((o: { date: string }) => o.date),
      ['2026-03-02', '2026-03-07'],
    )
    assert.deepEqual(gapsOn(built, '2026-03-07'), [
      '18:00–21:00 missing 2 volunteer',
      '18:00–21:00 no_supervision',
    ])
    assert.deepEqual(gapsOn(built, '2026-03-04'), ['18:00–21:00 unstaffed'])

    // the volunteer signs up (confirmed), the coordinator assigns the supervisor (not yet)
    const place = (cookie: string, assignment: object) =>
      call(`${server.url}/api/shifts/${shiftId}/assignments`, { cookie, body: assignment })
    assert.equal((await place(volunteer.cookie, { date: '2026-03-04', role: 'volunteer' })).status, 400)
    assert.equal((await place(volunteer.cookie, { date: '2026-03-07', role: 'supervisor' })).status, 403)
    const signedUp = await place(volunteer.cookie, { date: '2026-03-07', role: 'volunteer' })
    assert.equal(signedUp.status, 201)
    assert.equal((await place(volunteer.cookie, { date: '2026-03-07', role: 'volunteer' })).status, 409)
    const assigned = await place(coordinator.cookie, {
      date: '2026-03-07',
      role: 'supervisor',
      userId: supervisor.userId,
    })
    assert.equal(assigned.status, 201)

    const filled = await week(helplineId, supervisor.cookie)
    assert.deepEqual(gapsOn(filled, '2026-03-07'), ['18:00–21:00 missing 1 volunteer'])
    const saturday = filled.occurrences.find((o: { date: string }) => o.date === '2026-03-07')
    assert.deepEqual(
      saturday.assignments.map((a: { displayName: string; confirmed: boolean }) => [
        a.displayName,
        a.confirmed,
      ]),
      [
        ['Anna', true],
        ['Bruno', false],
      ],
    )

    const on = await listOperatorsOnShift(server.pool, { helplineId, at: rome('2026-03-07 19:30') })
    assert.deepEqual(
      on.map((o) => [o.displayName, o.role, o.confirmed]),
      [
        ['Bruno', 'supervisor', false],
        ['Anna', 'volunteer', true],
      ],
    )
    assert.deepEqual(
      await listOperatorsOnShift(server.pool, { helplineId, at: rome('2026-03-07 21:00') }),
      [],
    )
    assert.deepEqual(
      await listOperatorsOnShift(server.pool, { helplineId, at: rome('2026-03-09 19:30') }),
      [],
    )

    // the supervisor confirms; a cancelled Saturday takes its places with it
    const confirm = await call(`${server.url}/api/shift-assignments/${assigned.body.id}/confirm`, {
      cookie: supervisor.cookie,
      body: {},
    })
    assert.equal(confirm.status, 204)

    // the supervision room's view: due on Saturday morning, on shift in the evening
    const rotaNow = async () => {
      const answer = await call(`${server.url}/api/helplines/${helplineId}/rota/now`, {
        cookie: supervisor.cookie,
      })
      const names = (list: Array<{ displayName: string; at: string }>) =>
        list.map((o) => `${o.displayName} ${hours(o.at)}`)
      return { on: names(answer.body.on), due: names(answer.body.due) }
    }
    now = rome('2026-03-07 10:00')
    assert.deepEqual(await rotaNow(), { on: [], due: ['Anna 18:00', 'Bruno 18:00'] })
    now = rome('2026-03-07 19:00')
    assert.deepEqual(await rotaNow(), { on: ['Bruno 21:00', 'Anna 21:00'], due: [] })
    now = NOW
    const cancelled = await call(`${server.url}/api/shifts/${shiftId}/exceptions`, {
      cookie: coordinator.cookie,
      body: { date: '2026-03-14' },
    })
    assert.equal(cancelled.status, 204)
    const next = await week(helplineId, coordinator.cookie, '2026-03-09')
    assert.deepEqual(
      next.occurrences.map((o: { date: string }) => o.date),
      ['2026-03-09'],
    )
  })

  it('names the languages each shift covers, from what its people speak natively or well', async () => {
    const { helplineId, coordinator } = await eveningLine()
    const speaks = async (name: string, languages: Array<{ language: string; level: string }>) => {
      const operator = await makeOperator(server, [{ helplineId, role: 'volunteer' }], name)
      const saved = await call(`${server.url}/api/account/languages`, {
        method: 'PUT',
        cookie: operator.cookie,
        body: { languages },
      })
      assert.equal(saved.status, 200)
      return operator
    }
    const anna = await speaks('Anna', [
      { language: 'ro', level: 'native' },
      { language: 'en', level: 'basic' },
    ])
    const bruno = await speaks('Bruno', [
      { language: 'ro', level: 'fluent' },
      { language: 'ar', level: 'native' },
    ])
    const carla = await speaks('Carla', [])
    const created = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: {
        ...EVENINGS,
        startsOn: '2026-03-02',
        weekdays: ['MO', 'TU'],
        needs: { volunteer: 2 },
        language: 'ar',
      },
    })
    assert.equal(created.status, 201)
    const place = (date: string, userId: string) =>
      call(`${server.url}/api/shifts/${created.body.id}/assignments`, {
        cookie: coordinator.cookie,
        body: { date, role: 'volunteer', userId },
      })
    for (const [date, operator] of [
      ['2026-03-02', anna],
      ['2026-03-02', bruno],
      ['2026-03-03', carla],
    ] as const)
      assert.equal((await place(date, operator.userId)).status, 201)

    const { occurrences } = await week(helplineId, coordinator.cookie)
    const spoken = Object.fromEntries(
      occurrences.map((o: { date: string; languagesSpoken: unknown }) => [o.date, o.languagesSpoken]),
    )
    // a basic level does not count as covered; nobody who gave no languages adds any
    assert.deepEqual(spoken, {
      '2026-03-02': [
        { language: 'ro', operators: 2 },
        { language: 'ar', operators: 1 },
      ],
      '2026-03-03': [],
    })
  })

  it('swaps a place only when the other accepts, gives one back, and keeps the wall', async () => {
    const { helplineId, coordinator } = await eveningLine()
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const carlo = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Carlo')
    const other = await makeHelpline(server.pool)
    const stranger = await makeOperator(
      server,
      [{ helplineId: other.helplineId, role: 'coordinator' }],
      'Altro',
    )
    const created = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: { startsOn: '2026-03-03', start: '18:00', end: '21:00', needs: { volunteer: 1 } },
    })
    const mine = await call(`${server.url}/api/shifts/${created.body.id}/assignments`, {
      cookie: anna.cookie,
      body: { date: '2026-03-03', role: 'volunteer' },
    })
    const act = (cookie: string, path: string, body: object = {}) =>
      call(`${server.url}/api/shift-assignments/${mine.body.id}/${path}`, { cookie, body })

    // the wall: another helpline's coordinator finds nothing
    assert.equal((await act(stranger.cookie, 'give-back')).status, 404)
    assert.equal(
      (
        await call(`${server.url}/api/shifts/${created.body.id}`, {
          method: 'DELETE',
          cookie: stranger.cookie,
        })
      ).status,
      404,
    )
    assert.equal((await act(carlo.cookie, 'swap', { toUserId: anna.userId })).status, 403)
    assert.equal((await act(anna.cookie, 'swap', { toUserId: stranger.userId })).status, 404)
    assert.equal((await act(anna.cookie, 'swap', { toUserId: carlo.userId })).status, 204)
    const offered = await week(helplineId, anna.cookie)
    assert.equal(offered.occurrences[0].assignments[0].swapTo.displayName, 'Carlo')
    // until Carlo accepts, the place is Anna's; Anna cannot accept for him
    assert.equal((await act(anna.cookie, 'swap/accept')).status, 404)
    assert.equal((await act(carlo.cookie, 'swap/decline')).status, 204)
    assert.equal((await week(helplineId, anna.cookie)).occurrences[0].assignments[0].displayName, 'Anna')
    await act(anna.cookie, 'swap', { toUserId: carlo.userId })
    assert.equal((await act(carlo.cookie, 'swap/accept')).status, 204)
    const swapped = (await week(helplineId, anna.cookie)).occurrences[0].assignments
    assert.deepEqual(
      swapped.map((a: { displayName: string; swapTo: unknown }) => [a.displayName, a.swapTo]),
      [['Carlo', null]],
    )
    // now Carlo's: Anna cannot give it back, Carlo can
    assert.equal((await act(anna.cookie, 'give-back')).status, 403)
    assert.equal((await act(carlo.cookie, 'give-back')).status, 204)
    assert.deepEqual((await week(helplineId, anna.cookie)).occurrences[0].assignments, [])
  })

  it("serves each operator's shifts as an iCalendar feed by a secret address, renewed on demand", async () => {
    const { helplineId, coordinator } = await eveningLine()
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const created = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: coordinator.cookie,
      body: {
        startsOn: '2026-03-28',
        start: '19:00',
        end: '21:00',
        weekdays: ['SA'],
        needs: { volunteer: 1 },
      },
    })
    for (const date of ['2026-03-28', '2026-04-04']) {
      await call(`${server.url}/api/shifts/${created.body.id}/assignments`, {
        cookie: anna.cookie,
        body: { date, role: 'volunteer' },
      })
    }
    const feed = await call(`${server.url}/api/rota/calendar-feed`, { cookie: anna.cookie, body: {} })
    assert.equal(feed.status, 201)
    const path = new URL(feed.body.url).pathname
    const fetched = await fetch(`${server.url}${path}`)
    assert.equal(fetched.status, 200)
    assert.match(fetched.headers.get('content-type') ?? '', /^text\/calendar/)
    const events = new ICAL.Component(ICAL.parse(await fetched.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
    // the hours on the wall, on either side of the clocks' change on 29 March
    assert.deepEqual(
      events.map((e) => [e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()]),
      [
        [rome('2026-03-28 19:00').toISOString(), rome('2026-03-28 21:00').toISOString()],
        [rome('2026-04-04 19:00').toISOString(), rome('2026-04-04 21:00').toISOString()],
      ],
    )
    assert.match(events[0]?.summary ?? '', /turno/)
    // the token is kept hashed only, and renewing ends the old address
    const stored = await server.pool.query('select token_hash from calendar_feed where user_id = $1', [
      anna.userId,
    ])
    assert.notEqual(stored.rows[0].token_hash.toString('base64url'), path.split('/').pop())
    await call(`${server.url}/api/rota/calendar-feed`, { cookie: anna.cookie, body: {} })
    assert.equal((await fetch(`${server.url}${path}`)).status, 404)
    assert.equal((await fetch(`${server.url}/calendar/not-a-token`)).status, 404)
  })
})
