// A mediator on the line, for real: a call answered by an operator (the fake Twilio plays the call
// flow) moves into a conference when she calls a mediator of the helpline's list in (the Calls API
// for her leg, the <Dial> action's <Conference> for the caller), the mediator is called from the
// helpline's number through the Participants API and let go with DELETE, and the conference's own
// reports (participant-join, participant-leave, conference-end) say who joined, when and for how
// long; the caller stays on the line throughout. Retries and reports out of order leave the same
// record; the mediator's number reaches neither the caller nor the volunteers.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  TWILIO_NUMBER,
} from '../../testing/fake-twilio.ts'
import { playCall } from '../../testing/fake-twilio-call.ts'
import { playConferences } from '../../testing/fake-twilio-conference.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/settings/addiction-line.json'), 'utf8'),
)
// Tuesday 1 December 2026, 16:00 in Rome: the line is open
const IN_HOURS = new Date('2026-12-01T15:00:00Z')
const MEDIATOR_PHONE = '+393409998877'

describe('Twilio calls: a mediator on the line', () => {
  let server: TestServer
  let fake: FakeTwilio
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL }, { clock: () => IN_HOURS })
    fake = await startFakeTwilio()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  const number = (prefix: string) => `${prefix}${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`

  /** A door, Anna on a call with a caller, and the list's Arabic mediator. */
  async function onACall(options: { mediatorAnswers?: boolean } = {}) {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, settings)
    const { channelId, target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId,
    })
    const conferences = playConferences(fake, target)
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const annaPhone = number('+39340')
    await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: anna.cookie,
      body: { phone: annaPhone },
    })
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Cora')
    const mediatorPhone = options.mediatorAnswers === false ? number('+39347') : MEDIATOR_PHONE
    if (options.mediatorAnswers === false) conferences.mediatorPhone(mediatorPhone, 'no-answer')
    const mediator = await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: coordinator.cookie,
      body: { label: 'Mediatrice araba', languages: ['ar'], phone: mediatorPhone },
    })
    assert.equal(mediator.status, 200)

    const from = number('+39333')
    const played = await playCall(target, fake.accountSid, {
      from,
      phones: { [annaPhone]: 'accept' },
      stayOnLine: true,
    })
    conferences.hold(played, from)
    const { rows } = await server.pool.query<{ id: string; message_id: string; conversation_id: string }>(
      'select id, message_id, conversation_id from phone_call where channel_id = $1',
      [channelId],
    )
    const phoneCall = rows[0]
    assert.ok(phoneCall)
    return {
      helplineId,
      channelId,
      target,
      conferences,
      anna,
      coordinator,
      played,
      phoneCall,
      mediatorId: mediator.body.id as string,
    }
  }

  async function callView(operator: { cookie: string }, conversationId: string) {
    const conversation = await call(`${server.url}/api/conversations/${conversationId}`, {
      cookie: operator.cookie,
    })
    assert.equal(conversation.status, 200)
    return {
      call: conversation.body.messages.find((m: { kind: string }) => m.kind === 'call').call,
      json: JSON.stringify(conversation.body),
    }
  }

  async function participants(callId: string) {
    const { rows } = await server.pool.query(
      'select joined_at, left_at, unreached, leg_sealed is not null as leg from call_participant where call_id = $1',
      [callId],
    )
    return rows
  }

  it('called in and let go by the operator: the caller stays on the line; the record says when and how long', async () => {
    const { helplineId, conferences, anna, played, phoneCall, mediatorId } = await onACall()

    // every member chooses from labels and languages; only coordinators read the numbers
    const listed = await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: anna.cookie,
    })
    assert.deepEqual(listed.body.mediators, [
      { id: mediatorId, label: 'Mediatrice araba', languages: ['ar'] },
    ])

    const added = await call(`${server.url}/api/calls/${phoneCall.message_id}/mediators`, {
      cookie: anna.cookie,
      body: { mediatorId },
    })
    assert.equal(added.status, 200)
    await eventually(
      'the mediator joined',
      async () => (await participants(phoneCall.id))[0]?.joined_at != null,
    )
    await conferences.settled()
    assert.deepEqual(conferences.onLine(played.callSid).sort(), ['caller', 'mediator', 'operator'])

    // Twilio's API as documented: Anna's leg moved by the Calls API, the mediator called from the helpline's number
    const [move, add] = conferences.requests
    assert.equal(move?.path, `Calls/${played.connectedLeg}.json`)
    assert.match(
      move?.form.Twiml ?? '',
      new RegExp(`<Conference [^>]*endConferenceOnExit="false"[^>]*>${phoneCall.id}<`),
    )
    assert.match(add?.path ?? '', /^Conferences\/CF[0-9a-f]{32}\/Participants\.json$/)
    assert.equal(add?.form.From, TWILIO_NUMBER)
    assert.equal(add?.form.To, MEDIATOR_PHONE)
    // the caller hears the conference, never the mediator's number
    const callerSide = conferences.reports.map((r) => r.form)
    assert.ok(callerSide.length >= 3)
    assert.equal(JSON.stringify(played.steps).includes(MEDIATOR_PHONE), false)

    let view = await callView(anna, phoneCall.conversation_id)
    assert.equal(view.call.live, true)
    assert.deepEqual(
      view.call.mediators.map((m: { label: string; status: string }) => [m.label, m.status]),
      [['Mediatrice araba', 'on-line']],
    )
    assert.equal(view.json.includes(MEDIATOR_PHONE), false)

    const [participant] = view.call.mediators
    const dismissed = await call(
      `${server.url}/api/calls/${phoneCall.message_id}/mediators/${participant.id}`,
      {
        method: 'DELETE',
        cookie: anna.cookie,
      },
    )
    assert.equal(dismissed.status, 200)
    await eventually('the mediator left', async () => (await participants(phoneCall.id))[0]?.left_at != null)
    await conferences.settled()
    assert.ok(conferences.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`.json`)))
    // the caller and Anna are still talking
    assert.deepEqual(conferences.onLine(played.callSid).sort(), ['caller', 'operator'])
    view = await callView(anna, phoneCall.conversation_id)
    assert.equal(view.call.live, true)
    assert.equal(view.call.mediators[0].status, 'left')
    assert.equal(typeof view.call.mediators[0].seconds, 'number')

    // Twilio retries its reports, and out of order: the same record
    const before = await participants(phoneCall.id)
    for (const report of [...conferences.reports].reverse())
      await postTwilioWebhook(conferences.target, report.form)
    for (const report of conferences.reports) await postTwilioWebhook(conferences.target, report.form)
    assert.deepEqual(await participants(phoneCall.id), before)

    // the caller hangs up: the conference ends with them, the call is answered with its length
    await conferences.hangUp(played.callSid)
    await conferences.settled()
    view = await callView(anna, phoneCall.conversation_id)
    assert.equal(view.call.outcome, 'answered')
    assert.equal(view.call.live, false)
    assert.ok(view.call.talkSeconds > 0)
    const { rows: facts } = await server.pool.query('select outcome from call_fact where helpline_id = $1', [
      helplineId,
    ])
    assert.deepEqual(facts, [{ outcome: 'answered' }])
    const { rows: audit } = await server.pool.query(
      `select action, actor_id from audit_event where helpline_id = $1 and subject_type = 'call' order by id`,
      [helplineId],
    )
    assert.deepEqual(audit, [
      { action: 'call.mediator_added', actor_id: anna.userId },
      { action: 'call.mediator_dismissed', actor_id: anna.userId },
    ])
  })

  it('a mediator who does not answer, and one who hangs up by themself: recorded; the call goes on', async () => {
    const first = await onACall({ mediatorAnswers: false })
    const { conferences, anna, played, phoneCall, mediatorId } = first
    await call(`${server.url}/api/calls/${phoneCall.message_id}/mediators`, {
      cookie: anna.cookie,
      body: { mediatorId },
    })
    await eventually(
      'the mediator was not reached',
      async () => (await participants(phoneCall.id))[0]?.unreached != null,
    )
    await conferences.settled()
    let view = await callView(anna, phoneCall.conversation_id)
    assert.deepEqual(
      view.call.mediators.map((m: { status: string }) => m.status),
      ['unreached'],
    )
    assert.equal(view.call.live, true)

    // the list's number changed to one that answers: called again into the same conference, and hangs up
    await call(`${server.url}/api/call-mediators/${mediatorId}?helplineId=${first.helplineId}`, {
      method: 'PUT',
      cookie: first.coordinator.cookie,
      body: { label: 'Mediatrice araba', languages: ['ar', 'fr'], phone: MEDIATOR_PHONE },
    })
    await call(`${server.url}/api/calls/${phoneCall.message_id}/mediators`, {
      cookie: anna.cookie,
      body: { mediatorId },
    })
    await eventually('the mediator joined', async () =>
      (await participants(phoneCall.id)).some((p) => p.joined_at != null),
    )
    await conferences.settled()
    assert.equal(conferences.requests.filter((r) => r.path.startsWith('Calls/')).length, 1)
    conferences.mediatorHangsUp(played.callSid)
    await conferences.settled()
    assert.deepEqual(conferences.onLine(played.callSid).sort(), ['caller', 'operator'])
    view = await callView(anna, phoneCall.conversation_id)
    assert.deepEqual(
      view.call.mediators.map((m: { status: string }) => m.status),
      ['unreached', 'left'],
    )
  })

  it('only for the operator on the call or a supervisor, inside the helpline, while the call is live; a report unsigned is refused', async () => {
    const { helplineId, channelId, conferences, coordinator, phoneCall, mediatorId, played } = await onACall()
    const bruno = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Bruno')
    const other = await makeHelpline(server.pool)
    const outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    const add = (cookie: string, body: unknown = { mediatorId }) =>
      call(`${server.url}/api/calls/${phoneCall.message_id}/mediators`, { cookie, body })

    assert.equal((await add(bruno.cookie)).status, 403)
    assert.equal((await add(outsider.cookie)).status, 404)
    assert.equal(
      (await add(coordinator.cookie, { mediatorId: phoneCall.id })).body.code,
      'ASCOLTO_ERR_NOT_FOUND',
    )
    assert.equal((await add(coordinator.cookie, { mediatorId: 'nope' })).status, 400)
    // the list: coordinators only, numbers in international form, another helpline's list 404
    const listUrl = `${server.url}/api/call-mediators?helplineId=${helplineId}`
    const input = { label: 'Interprete', languages: ['ti'], phone: '347 123' }
    assert.equal((await call(listUrl, { cookie: bruno.cookie, body: input })).status, 403)
    assert.equal((await call(listUrl, { cookie: coordinator.cookie, body: input })).status, 400)
    assert.equal((await call(listUrl, { cookie: outsider.cookie })).status, 404)
    const coordinatorList = await call(listUrl, { cookie: coordinator.cookie })
    assert.deepEqual(
      coordinatorList.body.mediators.map((m: { phone: string }) => m.phone),
      [MEDIATOR_PHONE],
    )

    // a report without Twilio's signature changes nothing
    const forged = {
      AccountSid: fake.accountSid,
      ConferenceSid: `CF${'0'.repeat(32)}`,
      FriendlyName: phoneCall.id,
      StatusCallbackEvent: 'conference-end',
      SequenceNumber: '1',
      Timestamp: new Date().toUTCString(),
    }
    assert.equal((await postTwilioWebhook(conferences.target, forged, { signature: 'x' })).status, 401)
    const { rows } = await server.pool.query(
      'select conference_sid_sealed, conference_ended_at from phone_call where channel_id = $1',
      [channelId],
    )
    assert.deepEqual(rows, [{ conference_sid_sealed: null, conference_ended_at: null }])

    // once the call has ended, nobody can be called in
    await conferences.hangUp(played.callSid)
    await conferences.settled()
    const late = await add(coordinator.cookie)
    assert.deepEqual([late.status, late.body.code], [409, 'ASCOLTO_ERR_CALL_NOT_LIVE'])
  })
})
