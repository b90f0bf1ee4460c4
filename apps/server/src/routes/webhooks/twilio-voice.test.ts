// The phone, for real: a call in hours is forwarded to the on-shift phone; out of hours, or when
// nobody answers the forward, the caller hears the helpline's message and leaves a voicemail; the
// voicemail goes through the ingest path and becomes a call-back request due inside the next
// opening hours, its recording fetched by the worker from the fake Twilio and stored sealed, its
// transcription its text; supervisors record the tries. A blocked caller is refused.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings, purgeInactiveContacts } from '@ascolto/core'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  TWILIO_NUMBER,
  twilioCall,
  twilioRecorded,
  twilioRecordingStatus,
  twilioSid,
  twilioSms,
  twilioTranscription,
} from '../../testing/fake-twilio.ts'
import { openMessageText } from '../../testing/sealed.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const ON_SHIFT = '+393401112233'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/settings/addiction-line.json'), 'utf8'),
)
// Tuesday 1 December 2026, Europe/Rome (UTC+1): open 13:00–21:00
const IN_HOURS = new Date('2026-12-01T15:00:00Z')
const OUT_OF_HOURS = new Date('2026-12-01T21:30:00Z')
// the next opening after 22:30 on Tuesday: Wednesday 09:00–17:00
const WEDNESDAY_CLOSE = '2026-12-02T16:00:00.000Z'

describe('Twilio voice: forward in hours, voicemail and call-back out of hours', () => {
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

  async function door(options: { forwardTo?: string } = {}) {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, settings)
    const channel = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId,
      ...options,
    })
    return { helplineId, ...channel }
  }
  const caller = () => `+39333${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`

  it("in hours, a call rings the door's own number (nobody has a phone on their account), and comes back to Ascolto if unanswered", async () => {
    now = IN_HOURS
    const { target } = await door({ forwardTo: ON_SHIFT })
    const from = caller()
    const ringing = twilioCall(fake.accountSid, from)
    const answer = await postTwilioWebhook(target, ringing)
    assert.equal(answer.status, 200)
    assert.match(answer.type, /^text\/xml/)
    assert.equal(
      answer.body,
      `<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="${target.publicUrl}" method="POST" timeout="20" answerOnBridge="true" callerId="${TWILIO_NUMBER}"><Number url="${target.publicUrl}" method="POST">${ON_SHIFT}</Number></Dial></Response>`,
    )
    const unanswered = await postTwilioWebhook(target, {
      ...ringing,
      CallStatus: 'in-progress',
      DialCallStatus: 'no-answer',
      DialCallSid: twilioSid('CA'),
    })
    assert.match(
      unanswered.body,
      /<Say language="it-IT">In questo momento nessuno può rispondere\. Se vuole, lasci un messaggio/,
    )
    assert.match(unanswered.body, /<Record action="[^"]+" method="POST" maxLength="180"/)
  })

  it("out of hours, the helpline's own words with the next opening, then a voicemail", async () => {
    now = OUT_OF_HOURS
    const { target } = await door({ forwardTo: ON_SHIFT })
    const answer = await postTwilioWebhook(target, twilioCall(fake.accountSid, caller()))
    assert.equal(answer.status, 200)
    assert.doesNotMatch(answer.body, /<Dial/)
    assert.match(
      answer.body,
      /<Say language="it-IT">Ora siamo chiusi\. Lasciaci un messaggio, e se vuoi un numero a cui richiamarti: ti risponderemo domani dalle 9:00\. Se vuole/,
    )
    assert.match(
      answer.body,
      new RegExp(
        `<Record action="${target.publicUrl}" method="POST" maxLength="180" timeout="5" finishOnKey="#" playBeep="true" recordingStatusCallback="${target.publicUrl}" recordingStatusCallbackMethod="POST"/>`,
      ),
    )
    // the call itself is on record in the caller's conversation, with no text and nothing sent to them
    const { rows } = await server.pool.query(
      'select kind, direction from message where channel_id = $1 order by seq',
      [target.url.split('/').at(-1)],
    )
    assert.deepEqual(rows, [{ kind: 'call', direction: 'inbound' }])
  })

  it('an unsigned call is refused and gets no TwiML', async () => {
    const { target } = await door()
    const answer = await postTwilioWebhook(target, twilioCall(fake.accountSid, caller()), { signature: null })
    assert.equal(answer.status, 401)
    assert.doesNotMatch(answer.body, /Response/)
  })

  it('a voicemail becomes one call-back request due in the next opening hours, its recording fetched and sealed', async () => {
    now = OUT_OF_HOURS
    const { helplineId, channelId, target } = await door()
    const from = caller()
    const callSid = twilioSid('CA')
    const recordingSid = twilioSid('RE')
    const audio = Buffer.concat([Buffer.from('ID3'), randomBytes(2048)])
    fake.addRecording(recordingSid, audio)
    for (let i = 0; i < 2; i++) {
      const answer = await postTwilioWebhook(
        target,
        twilioRecorded(fake.accountSid, from, callSid, recordingSid),
      )
      assert.equal(answer.status, 200)
      assert.equal(answer.body, '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>')
    }
    const status = await postTwilioWebhook(
      target,
      twilioRecordingStatus(fake.accountSid, callSid, recordingSid),
    )
    assert.equal(status.status, 200)

    const { rows: messages } = await server.pool.query(
      `select id, kind, media, provider_message_id from message where channel_id = $1 and kind = 'voicemail'`,
      [channelId],
    )
    assert.equal(messages.length, 1)
    assert.equal(messages[0].kind, 'voicemail')
    assert.equal(messages[0].media.providerMediaId, recordingSid)
    const { rows: requests } = await server.pool.query(
      'select status, attempts, due_at, message_id from callback_request where helpline_id = $1',
      [helplineId],
    )
    assert.equal(requests.length, 1)
    assert.equal(requests[0].due_at.toISOString(), WEDNESDAY_CLOSE)
    assert.equal(requests[0].message_id, messages[0].id)

    // the worker fetches the recording (with basic auth) and keeps it sealed, never in clear
    const stored = await until(async () => {
      const { rows } = await server.pool.query(
        'select sealed, sha256, mime_type from media_file where message_id = $1',
        [messages[0].id],
      )
      return rows[0]
    })
    assert.equal(stored.mime_type, 'audio/mpeg')
    assert.equal(stored.sealed.includes(audio.subarray(3, 64)), false)

    // the console plays it for staff of the helpline
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const played = await fetch(`${server.url}/api/messages/${messages[0].id}/media`, {
      headers: { cookie: volunteer.cookie },
    })
    assert.equal(played.status, 200)
    assert.deepEqual(Buffer.from(await played.arrayBuffer()), audio)
  })

  it("erasing the person deletes Twilio's copies too: their SMS, the reply, the call's log and the recording", async () => {
    now = OUT_OF_HOURS
    const { helplineId, target } = await door()
    const from = caller()
    const sms = twilioSms(fake.accountSid, from, 'non riesco a smettere')
    assert.equal((await postTwilioWebhook(target, sms)).status, 200)
    const recordingSid = twilioSid('RE')
    const callSid = twilioSid('CA')
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, from, callSid, recordingSid))
    const { rows } = await server.pool.query<{ id: string }>(
      `select c.id from conversation c join contact_identity ci on ci.contact_id = c.contact_id
        where ci.address_hash = $1 and c.helpline_id = $2`,
      [server.services.keyring.hashAddress(helplineId, from), helplineId],
    )
    const conversationId = rows[0]?.id ?? ''
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    await call(`${server.url}/api/conversations/${conversationId}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    const sentBefore = fake.sent.length
    await call(`${server.url}/api/conversations/${conversationId}/messages`, {
      cookie: volunteer.cookie,
      body: { text: 'Ti richiamiamo domani' },
    })
    const [reply] = (await fake.waitForSent(sentBefore + 1)).slice(sentBefore)

    // Twilio is down at first: the deletions wait in the outbox and go when it is back
    fake.fail(1, { status: 503, code: 20503 })
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${conversationId}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'richiesta dell’interessato' },
    })
    assert.equal(erased.status, 200)
    const expected = [
      `Messages/${sms.MessageSid}`,
      `Messages/${reply?.sid}`,
      `Calls/${callSid}`,
      `Recordings/${recordingSid}`,
    ]
    const deleted = await until(async () => {
      await server.pool.query(`update outbox set run_at = now() where kind = 'erase_provider_copies'`)
      const found = fake.deleted.filter((resource) => expected.includes(resource))
      // done once the worker has also closed its row, which it does after Twilio's last answer
      const { rows: left } = await server.pool.query(
        `select 1 from outbox where kind = 'erase_provider_copies'`,
      )
      return found.length === expected.length && left.length === 0 ? found : undefined
    })
    assert.deepEqual(deleted.sort(), expected.sort())
    // the worker completes its row once the last deletion has answered: nothing left to retry
    await until(async () => {
      const { rowCount } = await server.pool.query(
        `select 1 from outbox where kind = 'erase_provider_copies'`,
      )
      return rowCount === 0 ? true : undefined
    })
  })

  it("retention deletes the call's log and its recording at Twilio with the person", async () => {
    now = OUT_OF_HOURS
    const { target } = await door()
    const callSid = twilioSid('CA')
    const recordingSid = twilioSid('RE')
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, caller(), callSid, recordingSid))
    // past every helpline's months of retention
    await purgeInactiveContacts(server.pool, server.services.keyring, {
      now: new Date('2030-01-01T00:00:00Z'),
    })
    await until(async () => {
      await server.pool.query(`update outbox set run_at = now() where kind = 'erase_provider_copies'`)
      const gone = [`Calls/${callSid}`, `Recordings/${recordingSid}`].every((r) => fake.deleted.includes(r))
      return gone || undefined
    })
  })

  it('a transcription becomes the voicemail’s text', async () => {
    now = OUT_OF_HOURS
    const { channelId, target } = await door()
    const from = caller()
    const callSid = twilioSid('CA')
    const recordingSid = twilioSid('RE')
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, from, callSid, recordingSid))
    const text = 'Hello, please call me back tomorrow morning.'
    const answer = await postTwilioWebhook(
      target,
      twilioTranscription(fake.accountSid, from, callSid, recordingSid, text),
    )
    assert.equal(answer.status, 200)
    const { rows } = await server.pool.query(
      `select id, body_sealed from message where channel_id = $1 and kind = 'voicemail'`,
      [channelId],
    )
    assert.equal(await openMessageText(server, rows[0].id), text)
  })

  it('call-backs in the console: everyone sees them, supervisors record the tries, retries fall in opening hours', async () => {
    now = OUT_OF_HOURS
    const { helplineId, target } = await door()
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, caller(), twilioSid('CA')))
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }])
    const outsider = await makeOperator(server, [
      { helplineId: (await makeHelpline(server.pool)).helplineId, role: 'coordinator' },
    ])

    const listed = await call(`${server.url}/api/callbacks?helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    assert.equal(listed.status, 200)
    const [callback] = listed.body.callbacks
    assert.equal(listed.body.callbacks.length, 1)
    assert.deepEqual(
      { status: callback.status, attempts: callback.attempts, dueAt: callback.dueAt },
      { status: 'pending', attempts: 0, dueAt: WEDNESDAY_CLOSE },
    )
    // never the number in a list
    assert.doesNotMatch(JSON.stringify(listed.body), /\+39/)

    const outcome = (cookie: string, value: string) =>
      call(`${server.url}/api/callbacks/${callback.id}/outcome`, { cookie, body: { outcome: value } })
    assert.equal((await outcome(volunteer.cookie, 'called_back')).status, 403)
    assert.equal((await outcome(outsider.cookie, 'called_back')).status, 404)
    assert.equal(
      (await call(`${server.url}/api/callbacks?helplineId=${helplineId}`, { cookie: outsider.cookie }))
        .status,
      404,
    )

    // Wednesday 16:30 Rome: not reachable; two hours later the line is closed, so Thursday 13:00
    now = new Date('2026-12-02T15:30:00Z')
    const missed = await outcome(supervisor.cookie, 'not_reachable')
    assert.equal(missed.status, 200)
    assert.deepEqual(
      { status: missed.body.status, attempts: missed.body.attempts, dueAt: missed.body.dueAt },
      { status: 'not_reachable', attempts: 1, dueAt: '2026-12-03T12:00:00.000Z' },
    )
    const reached = await outcome(supervisor.cookie, 'called_back')
    assert.deepEqual([reached.body.status, reached.body.attempts], ['called_back', 2])
    assert.equal((await outcome(supervisor.cookie, 'done')).status, 409)
    const after = await call(`${server.url}/api/callbacks?helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    assert.equal(after.body.callbacks.length, 0)
    const audit = await server.pool.query(
      `select count(*)::int as n from audit_event where action = 'callback.marked' and subject_id = $1`,
      [callback.id],
    )
    assert.equal(audit.rows[0].n, 2)
  })

  it('a blocked caller is refused, and their voicemail asks for no call-back', async () => {
    now = OUT_OF_HOURS
    const { helplineId, target } = await door()
    const from = caller()
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, from, twilioSid('CA')))
    await server.pool.query(
      `update contact set blocked_at = now(), blocked_reason = 'threats' where helpline_id = $1`,
      [helplineId],
    )
    const answer = await postTwilioWebhook(target, twilioCall(fake.accountSid, from))
    assert.equal(answer.body, '<?xml version="1.0" encoding="UTF-8"?><Response><Reject/></Response>')
    await postTwilioWebhook(target, twilioRecorded(fake.accountSid, from, twilioSid('CA')))
    const { rows } = await server.pool.query(
      'select count(*)::int as n from callback_request where helpline_id = $1',
      [helplineId],
    )
    assert.equal(rows[0].n, 1)
  })
})

async function until<T>(read: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const value = await read()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('not there in time')
}
