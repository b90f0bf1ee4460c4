// What the tests of the wait a person sees set up: visitors writing on the web chat, operators
// taking and answering, and a history of handled conversations whose times the estimate reads.
// Times the database writes with now() are set here from the test's clock, so the figures are known.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { call, makeHelpline, makeOperator, type TestServer, visitorToken } from './test-server.ts'

const MINUTE = 60_000

/** A visitor writes on the web chat: their token and the conversation it opened. */
export async function visitorWrites(server: TestServer, channelId: string, text = 'Ciao') {
  const token = visitorToken()
  const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
    token,
    body: { clientId: randomUUID(), text },
  })
  assert.equal(sent.status, 201, JSON.stringify(sent.body))
  const { rows } = await server.pool.query<{ conversation_id: string }>(
    'select conversation_id from message where id = $1',
    [sent.body.id],
  )
  return { token, conversationId: rows[0]?.conversation_id as string }
}

/** The operator takes the conversation and answers; their answer dated `minutesAgo` before `at`. */
export async function takeAndAnswer(
  server: TestServer,
  cookie: string,
  conversationId: string,
  { at, minutesAgo = 0 }: { at: Date; minutesAgo?: number },
) {
  const taken = await call(`${server.url}/api/conversations/${conversationId}/take`, { cookie, body: {} })
  assert.equal(taken.status, 200, JSON.stringify(taken.body))
  const answered = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
    cookie,
    body: { text: 'Ciao, sono qui.' },
  })
  assert.equal(answered.status, 201, JSON.stringify(answered.body))
  await server.pool.query('update message set created_at = $2 where id = $1', [
    answered.body.id,
    new Date(at.getTime() - minutesAgo * MINUTE),
  ])
}

/** `count` conversations the operator handled for `minutes` each, closed in the hours before `at`. */
export async function handledBefore(
  server: TestServer,
  {
    channelId,
    cookie,
    minutes,
    count,
    at,
  }: {
    channelId: string
    cookie: string
    minutes: number
    count: number
    at: Date
  },
) {
  for (let i = 1; i <= count; i++) {
    const { conversationId } = await visitorWrites(server, channelId)
    const closedAt = new Date(at.getTime() - i * 60 * MINUTE)
    await takeAndAnswer(server, cookie, conversationId, { at: closedAt, minutesAgo: minutes })
    const closed = await call(`${server.url}/api/conversations/${conversationId}/close`, { cookie, body: {} })
    assert.equal(closed.status, 200, JSON.stringify(closed.body))
    await server.pool.query('update conversation set closed_at = $2 where id = $1', [
      conversationId,
      closedAt,
    ])
  }
}

/** A shift once, from the hour `at` falls in to two hours later (Rome), with these volunteers on it. */
export async function shiftAround(
  server: TestServer,
  helplineId: string,
  coordinatorCookie: string,
  at: Date,
  volunteers: string[],
) {
  const [day, time] = at.toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ') as [string, string]
  const hour = Number(time.slice(0, 2))
  const created = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
    cookie: coordinatorCookie,
    body: {
      startsOn: day,
      start: `${String(hour).padStart(2, '0')}:00`,
      end: `${String((hour + 2) % 24).padStart(2, '0')}:00`,
      needs: { volunteer: volunteers.length },
    },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  for (const userId of volunteers) {
    const placed = await call(`${server.url}/api/shifts/${created.body.id}/assignments`, {
      cookie: coordinatorCookie,
      body: { date: day, role: 'volunteer', userId },
    })
    assert.equal(placed.status, 201, JSON.stringify(placed.body))
  }
}

/** A line with Carla coordinating, and Anna and Marco volunteering; Anna's recent conversations took ten minutes each. */
export async function lineWithHistory(server: TestServer, at: Date) {
  const { helplineId, channelId } = await makeHelpline(server.pool)
  const carla = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')
  const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
  const marco = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marco')
  await handledBefore(server, { channelId, cookie: anna.cookie, minutes: 10, count: 3, at })
  return { helplineId, channelId, carla, anna, marco }
}

/**
 * Both volunteers busy: Anna took a conversation just now, Marco his six minutes ago; then two
 * more people wait. Marco is free in about 4 minutes, Anna in 10, Marco again in 14, Anna in 20.
 */
export async function bothBusy(
  server: TestServer,
  line: Awaited<ReturnType<typeof lineWithHistory>>,
  at: Date,
) {
  const first = await visitorWrites(server, line.channelId)
  await takeAndAnswer(server, line.anna.cookie, first.conversationId, { at })
  const second = await visitorWrites(server, line.channelId)
  await takeAndAnswer(server, line.marco.cookie, second.conversationId, { at, minutesAgo: 6 })
  const third = await visitorWrites(server, line.channelId)
  const fourth = await visitorWrites(server, line.channelId)
  return { second, third, fourth }
}
