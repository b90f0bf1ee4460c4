// Every call on record, for real: the fake Twilio plays the documented call flow (the call ringing,
// <Dial> with one <Number> per phone and its action, the operator's leg hearing the announcement
// and pressing a key, <Record>'s action, the status callback) against the webhook. A call answered
// is the answering operator's at once; unanswered, voicemail, refused and ended while ringing are
// each recorded with their times; retries and reports out of order leave the same record.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import {
  connectFakeTwilio,
  type FakeTwilio,
  startFakeTwilio,
  TWILIO_NUMBER,
  twilioSid,
} from '../../testing/fake-twilio.ts'
import { playCall, replayCall } from '../../testing/fake-twilio-call.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const OFFICE = '+390298765432'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/settings/addiction-line.json'), 'utf8'),
)
// Tuesday 1 December 2026, Europe/Rome (UTC+1): open 13:00–21:00
const IN_HOURS = new Date('2026-12-01T15:00:00Z')
const OUT_OF_HOURS = new Date('2026-12-01T21:30:00Z')

describe('Twilio calls: every call on record, the phones of the operators available', () => {
  let server: TestServer
  let fake: FakeTwilio
  let now = IN_HOURS
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL }, { clock: () => now })
    fake = await startFakeTwilio()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  const number = () => `+39340${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`
  const caller = () => `+39333${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`

  async function door(options: { forwardTo?: string; ring?: 'together' | 'in_turn' } = {}) {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, {
      ...settings,
      ...(options.ring ? { calls: { ring: options.ring } } : {}),
    })
    const channel = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId,
      ...(options.forwardTo ? { forwardTo: options.forwardTo } : {}),
    })
    return { helplineId, ...channel }
  }

  async function operatorWithPhone(helplineId: string, name: string, availability = 'available') {
    const operator = await makeOperator(server, [{ helplineId, role: 'volunteer' }], name)
    const phone = number()
    const set = await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: operator.cookie,
      body: { phone },
    })
    assert.equal(set.status, 200)
    await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: operator.cookie,
      body: { availability },
    })
    return { ...operator, phone }
  }

  async function callRecord(channelId: string) {
    const { rows } = await server.pool.query(
      `select p.*, m.kind as message_kind,
              (select count(*)::int from callback_request r where r.message_id = p.message_id) as callbacks
         from phone_call p left join message m on m.id = p.message_id where p.channel_id = $1`,
      [channelId],
    )
    return rows
  }
  async function fact(helplineId: string) {
    const { rows } = await server.pool.query('select * from call_fact where helpline_id = $1', [helplineId])
    return rows
  }

  it('answered: the available operators with a phone ring, showing the helpline number; the one who presses 1 has it in "Le mie"', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door({ forwardTo: OFFICE })
    const anna = await operatorWithPhone(helplineId, 'Anna')
    await operatorWithPhone(helplineId, 'Bruno', 'away')
    await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Carla') // no phone

    const played = await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'accept' },
      talkSeconds: 192,
    })
    // Anna only (Bruno is away, Carla has no phone); the door's own number is not needed
    assert.deepEqual(played.rounds, [[anna.phone]])
    const ring = played.steps[0]?.body ?? ''
    assert.match(ring, new RegExp(`<Dial [^>]*callerId="\\${TWILIO_NUMBER}"`))
    assert.doesNotMatch(ring, /\+39333/)
    const announcement = played.steps[1]?.body ?? ''
    assert.match(
      announcement,
      /<Gather [^>]*numDigits="1"[^>]*><Say language="it-IT">Chiamata per la linea [^<]+: premi 1 per rispondere\.<\/Say><\/Gather>/,
    )

    const [record] = await callRecord(channelId)
    assert.equal(record.message_kind, 'call')
    assert.equal(record.answered_by, anna.userId)
    assert.equal(record.talk_seconds, 192)
    assert.equal(record.callbacks, 0)
    assert.ok(record.ended_at)

    // in Anna's "Le mie" at once, with the call's record; nobody else's
    const mine = await call(`${server.url}/api/conversations?helplineId=${helplineId}&status=mine`, {
      cookie: anna.cookie,
    })
    const conversation = mine.body.conversations.find((c: { id: string }) => c.id === record.conversation_id)
    assert.equal(conversation?.assignee?.id, anna.userId)
    const messages = await call(`${server.url}/api/conversations/${record.conversation_id}`, {
      cookie: anna.cookie,
    })
    const callMessage = messages.body.messages.find((m: { kind: string }) => m.kind === 'call')
    assert.equal(callMessage.call.outcome, 'answered')
    assert.equal(callMessage.call.talkSeconds, 192)
    assert.deepEqual(callMessage.call.answeredBy, { id: anna.userId, displayName: 'Anna' })
    assert.doesNotMatch(JSON.stringify(messages.body), /\+39/)
    assert.deepEqual(
      (await fact(helplineId)).map((f) => [f.outcome, f.talk_seconds]),
      [['answered', 192]],
    )

    // Twilio retries every request, and in reverse order: the same one record, one message
    await replayCall(target, played, 'reversed')
    await replayCall(target, played)
    const again = await callRecord(channelId)
    assert.equal(again.length, 1)
    assert.deepEqual(
      { by: again[0].answered_by, talk: again[0].talk_seconds, callbacks: again[0].callbacks },
      { by: anna.userId, talk: 192, callbacks: 0 },
    )
    const { rows } = await server.pool.query(
      `select count(*)::int as n from message where channel_id = $1 and kind = 'call'`,
      [channelId],
    )
    assert.equal(rows[0].n, 1)
    assert.equal((await fact(helplineId)).length, 1)
  })

  it('the end reported before the <Dial> action: still answered, no call-back asked', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door()
    const anna = await operatorWithPhone(helplineId, 'Anna')
    await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'accept' },
      talkSeconds: 30,
      endedFirst: true,
    })
    const [record] = await callRecord(channelId)
    assert.deepEqual([record.answered_by, record.talk_seconds, record.callbacks], [anna.userId, 30, 0])
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['answered'],
    )
  })

  it('in turn: each operator, then the door’s own number, then the voicemail; a key other than 1 passes it on', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door({ forwardTo: OFFICE, ring: 'in_turn' })
    const anna = await operatorWithPhone(helplineId, 'Anna')
    const bruno = await operatorWithPhone(helplineId, 'Bruno')
    const played = await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'refuse' },
    })
    assert.deepEqual(played.rounds, [[anna.phone], [bruno.phone], [OFFICE]])
    assert.match(
      played.steps.at(-2)?.body ?? '',
      /<Say language="it-IT">In questo momento nessuno può rispondere/,
    )
    // unanswered in hours, no message left: a call-back request, like a voicemail
    const [record] = await callRecord(channelId)
    assert.equal(record.answered_by, null)
    assert.equal(record.callbacks, 1)
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['unanswered'],
    )
    await replayCall(target, played, 'reversed')
    assert.equal((await callRecord(channelId))[0].callbacks, 1)
  })

  it('voicemail: the call is recorded as one, and only the voicemail asks for a call-back', async () => {
    now = OUT_OF_HOURS
    const { helplineId, channelId, target } = await door({ forwardTo: OFFICE })
    const recordingSid = twilioSid('RE')
    const played = await playCall(target, fake.accountSid, { from: caller(), voicemail: recordingSid })
    assert.deepEqual(played.rounds, [])
    const [record] = await callRecord(channelId)
    assert.ok(record.voicemail_message_id)
    assert.equal(record.callbacks, 0)
    const { rows } = await server.pool.query(
      'select count(*)::int as n from callback_request where conversation_id = $1',
      [record.conversation_id],
    )
    assert.equal(rows[0].n, 1)
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['voicemail'],
    )
  })

  it('out of hours without a message: unanswered, and no call-back (only a voicemail asks for one then)', async () => {
    now = OUT_OF_HOURS
    const { helplineId, channelId, target } = await door()
    await playCall(target, fake.accountSid, { from: caller() })
    assert.equal((await callRecord(channelId))[0].callbacks, 0)
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['unanswered'],
    )
  })

  it('ended while ringing: the caller hung up before anyone answered', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door({ forwardTo: OFFICE })
    const played = await playCall(target, fake.accountSid, { from: caller(), hangUpWhileRinging: true })
    assert.deepEqual(played.rounds, [[OFFICE]])
    const [record] = await callRecord(channelId)
    assert.equal(record.callbacks, 1)
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['abandoned'],
    )
  })

  it('blocked: refused, and on record as refused', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door({ forwardTo: OFFICE })
    const from = caller()
    await playCall(target, fake.accountSid, { from, voicemail: twilioSid('RE') })
    await server.pool.query(
      `update contact set blocked_at = now(), blocked_reason = 'threats' where helpline_id = $1`,
      [helplineId],
    )
    const played = await playCall(target, fake.accountSid, { from })
    assert.equal(
      played.steps[0]?.body,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Reject/></Response>',
    )
    const outcomes = (await fact(helplineId)).map((f) => f.outcome).sort()
    assert.deepEqual(outcomes, ['refused', 'voicemail'])
    const records = await callRecord(channelId)
    assert.equal(records.length, 2)
  })

  it('statistics: calls per door by how they ended, how long they rang and lasted, how soon the call-back came', async () => {
    now = IN_HOURS
    const { helplineId, target } = await door({ forwardTo: OFFICE })
    const anna = await operatorWithPhone(helplineId, 'Anna')
    await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'accept' },
      talkSeconds: 100,
    })
    await playCall(target, fake.accountSid, {
      from: caller(),
      phones: { [anna.phone]: 'accept' },
      talkSeconds: 300,
    })
    await playCall(target, fake.accountSid, { from: caller() })
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }])
    // the unanswered call's call-back, tried ten minutes later
    const [callback] = (
      await call(`${server.url}/api/callbacks?helplineId=${helplineId}`, { cookie: supervisor.cookie })
    ).body.callbacks
    now = new Date(IN_HOURS.getTime() + 10 * 60_000)
    await call(`${server.url}/api/callbacks/${callback.id}/outcome`, {
      cookie: supervisor.cookie,
      body: { outcome: 'called_back' },
    })
    const stats = await call(
      `${server.url}/api/helplines/${helplineId}/statistics?from=2026-12-01&to=2026-12-01`,
      {
        cookie: supervisor.cookie,
      },
    )
    assert.equal(stats.status, 200)
    const all = stats.body.calls.find((row: { channelId: string | null }) => row.channelId === null)
    assert.deepEqual(
      { calls: all.calls, answered: all.answered, unanswered: all.unanswered, talk: all.talk },
      // three calls, two answered: fewer than five each, so '<5'; the times are not people and stay
      { calls: 'small', answered: 'small', unanswered: 'small', talk: { median: 200, average: 200 } },
    )
    assert.ok(all.callbackFirstResponse.median >= 600 && all.callbackFirstResponse.median < 700)
    // a volunteer reads no statistics
    assert.equal(
      (await call(`${server.url}/api/helplines/${helplineId}/statistics`, { cookie: anna.cookie })).status,
      403,
    )
  })

  it('erasing the person erases their calls; the anonymous facts stay', async () => {
    now = IN_HOURS
    const { helplineId, channelId, target } = await door()
    const anna = await operatorWithPhone(helplineId, 'Anna')
    await playCall(target, fake.accountSid, { from: caller(), phones: { [anna.phone]: 'accept' } })
    const [record] = await callRecord(channelId)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${record.conversation_id}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'richiesta dell’interessato' },
    })
    assert.equal(erased.status, 200)
    assert.deepEqual(await callRecord(channelId), [])
    assert.deepEqual(
      (await fact(helplineId)).map((f) => f.outcome),
      ['answered'],
    )
  })

  it("an operator's phone: sealed, theirs alone, one account each, and a clear error for a wrong one", async () => {
    const { helplineId } = await door()
    const anna = await operatorWithPhone(helplineId, 'Anna')
    const { rows } = await server.pool.query('select phone_sealed from app_user where id = $1', [anna.userId])
    assert.equal(rows[0].phone_sealed.includes(Buffer.from(anna.phone.slice(3))), false)
    assert.deepEqual((await call(`${server.url}/api/account/phone`, { cookie: anna.cookie })).body, {
      phone: anna.phone,
    })
    const bruno = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Bruno')
    const taken = await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: bruno.cookie,
      body: { phone: anna.phone },
    })
    assert.deepEqual([taken.status, taken.body.code], [409, 'ASCOLTO_ERR_PHONE_TAKEN'])
    const wrong = await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: bruno.cookie,
      body: { phone: '02 1234' },
    })
    assert.equal(wrong.status, 400)
    assert.deepEqual((await call(`${server.url}/api/account/phone`, { cookie: bruno.cookie })).body, {
      phone: null,
    })
  })

  it('who is on a call: the operator and since when, for their helpline only', async () => {
    now = IN_HOURS
    const { helplineId, target } = await door()
    const anna = await operatorWithPhone(helplineId, 'Anna')
    const from = caller()
    // the call is answered and still under way: no action, no end reported yet
    await playCall(target, fake.accountSid, { from, phones: { [anna.phone]: 'accept' } })
    await server.pool.query(
      'update phone_call set ended_at = null, talk_seconds = null where helpline_id = $1',
      [helplineId],
    )
    const live = await call(`${server.url}/api/calls/live?helplineId=${helplineId}`, { cookie: anna.cookie })
    assert.equal(live.status, 200, JSON.stringify(live.body))
    assert.deepEqual(
      live.body.calls.map((c: { operator: { displayName: string } }) => c.operator.displayName),
      ['Anna'],
    )
    const outsider = await makeOperator(server, [
      { helplineId: (await door()).helplineId, role: 'coordinator' },
    ])
    assert.equal(
      (await call(`${server.url}/api/calls/live?helplineId=${helplineId}`, { cookie: outsider.cookie }))
        .status,
      404,
    )
    // on a call, Anna's phone is not rung for the next one
    const next = await playCall(target, fake.accountSid, { from: caller() })
    assert.deepEqual(next.rounds, [])
  })
})
