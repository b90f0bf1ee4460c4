// Contacts logged by hand: a relative's call to the office phone becomes a conversation on the
// helpline's own door, in the operator's "Le mie" at once, with its notes sealed, no reply, the
// closing form, and the anonymous facts the statistics count; the person found again by pseudonym.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, MessageView } from '@ascolto/protocol'
import { DESK_SETTINGS, setDeskSettings } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

describe('contacts logged by hand', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie)
  })
  after(() => server.close())

  const log = (cookie: string, body: object, helplineId = line.helplineId) =>
    call(`${server.url}/api/helplines/${helplineId}/logged-contacts`, { cookie, body })
  const call15MinutesAgo = {
    door: 'office_phone',
    caller: 'relative',
    happenedAt: new Date(Date.now() - 15 * 60_000).toISOString(),
    durationMinutes: 12,
    notes: 'La madre chiama per il figlio: beve ogni sera',
  }

  it('is a conversation of its own door, in "Le mie", closed with the form and counted', async () => {
    const logged = await log(volunteer.cookie, call15MinutesAgo)
    assert.equal(logged.status, 201)
    const { conversationId, pseudonym } = logged.body
    const mine = await call(`${server.url}/api/conversations?status=mine`, { cookie: volunteer.cookie })
    const listed = mine.body.conversations.find((c: ConversationView) => c.id === conversationId)
    assert.equal(listed.channelKind, 'logged')
    assert.equal(listed.contactPseudonym, pseudonym)
    const detail = await call(`${server.url}/api/conversations/${conversationId}`, {
      cookie: volunteer.cookie,
    })
    assert.deepEqual(
      detail.body.messages.map((m: MessageView) => [m.direction, m.text]),
      [['note', 'La madre chiama per il figlio: beve ogni sera']],
    )
    const sealed = await server.pool.query('select body_sealed from message where conversation_id = $1', [
      conversationId,
    ])
    assert.equal(sealed.rows[0].body_sealed.includes(Buffer.from('figlio')), false, 'sealed at rest')

    const reply = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
      cookie: volunteer.cookie,
      body: { text: 'Pronto?' },
    })
    assert.equal(reply.status, 400, 'no door to reply through')

    const closed = await call(`${server.url}/api/conversations/${conversationId}/close`, {
      cookie: volunteer.cookie,
      body: {
        categories: ['loneliness'],
        outcome: { outcome: DESK_SETTINGS.closingForm[0]?.options[1]?.id },
      },
    })
    assert.equal(closed.status, 200)
    const fact = await server.pool.query(
      'select channel_kind, categories, outcome from conversation_fact where conversation_id = $1',
      [conversationId],
    )
    assert.deepEqual(fact.rows, [
      { channel_kind: 'logged', categories: ['loneliness'], outcome: { outcome: 'referred' } },
    ])

    const again = await log(volunteer.cookie, {
      ...call15MinutesAgo,
      door: 'in_person',
      caller: 'person',
      happenedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      pseudonym,
    })
    assert.equal(again.status, 201)
    assert.equal(again.body.pseudonym, pseudonym, 'the same person, found by pseudonym')
    const twice = await log(volunteer.cookie, { ...call15MinutesAgo, pseudonym })
    assert.equal(twice.status, 409, 'one open logged contact per person')
    // counted as a second contact of one person, without keeping who: a yes, and who got in touch
    const closedAgain = await call(`${server.url}/api/conversations/${again.body.conversationId}/close`, {
      cookie: volunteer.cookie,
      body: {
        categories: ['loneliness'],
        outcome: { outcome: DESK_SETTINGS.closingForm[0]?.options[0]?.id },
      },
    })
    assert.equal(closedAgain.status, 200, JSON.stringify(closedAgain.body))
    const facts = await server.pool.query(
      `select caller, repeat_contact, opened_hour between 0 and 23 as hour from conversation_fact
        where conversation_id = any($1) order by repeat_contact`,
      [[conversationId, again.body.conversationId]],
    )
    assert.deepEqual(facts.rows, [
      { caller: 'relative', repeat_contact: false, hour: true },
      { caller: 'person', repeat_contact: true, hour: true },
    ])
  })

  it('refuses another helpline, an unknown person and a contact yet to happen', async () => {
    assert.equal((await log(stranger.cookie, call15MinutesAgo)).status, 404)
    assert.equal((await log(volunteer.cookie, { ...call15MinutesAgo, pseudonym: 999999 })).status, 404)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    assert.equal((await log(volunteer.cookie, { ...call15MinutesAgo, happenedAt: future })).status, 400)
    assert.equal((await log(volunteer.cookie, { ...call15MinutesAgo, door: 'telepathy' })).status, 400)
    const count = await server.pool.query('select count(*)::int as n from logged_contact')
    assert.equal(count.rows[0].n, 2, 'nothing written by the refusals')
  })
})
