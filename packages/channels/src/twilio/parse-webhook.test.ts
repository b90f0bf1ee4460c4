// Twilio's documented webhook requests (fixtures/) to normalized events: every kind told apart by
// its parameters, the signature over the public URL and the form checked by Twilio's validator,
// and what is not the helpline's (another account, another number) acknowledged, not taken.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { type ChannelConnection, WebhookPayloadError } from '../kit/contract.ts'
import { twilioAdapter } from './adapter.ts'
import { twilioConnection } from './config.ts'
import { optOutOf } from './opt-out.ts'
import { parseTwilioWebhook } from './parse-webhook.ts'
import { twilioSignature } from './signature.ts'

const fixture = (name: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8'))
const body = (params: Record<string, string>) => Buffer.from(new URLSearchParams(params).toString())

const AUTH_TOKEN = '0123456789abcdef0123456789abcdef'
const { config, secrets } = twilioConnection({
  accountSid: 'ACa1b2c3d4e5f60718293a4b5c6d7e8f90',
  phoneNumber: '+39 02 1234 5678',
  authToken: AUTH_TOKEN,
  publicUrl: 'https://ascolto.example.org/',
})
const connection: ChannelConnection = {
  id: '7d9f1c8e-2b4a-4c6d-8e0f-1a2b3c4d5e6f',
  helplineId: '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b',
  config,
  secrets,
}
const URL = `https://ascolto.example.org/webhooks/twilio/${connection.id}`
const at = new Date('2026-12-01T20:30:00Z')
const parse = (name: string) => parseTwilioWebhook(fixture(name), config, at)
/** the operator's leg in the screening fixtures */
const LEG = 'CA9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f'

describe('Twilio webhook parsing', () => {
  it('an SMS: its sid, sender and text', () => {
    const events = parse('sms')
    assert.deepEqual(events.messages, [
      {
        providerMessageId: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
        from: '+393471234567',
        receivedAt: at,
        kind: 'text',
        text: 'Buonasera, vorrei parlare con qualcuno',
      },
    ])
    assert.deepEqual(events.statuses, [])
    assert.equal(events.call, undefined)
  })

  it('an MMS: one message per file, the first with the text, the media kept as ids, never URLs', () => {
    const [first, second, ...rest] = parse('mms').messages
    assert.equal(rest.length, 0)
    assert.equal(first?.kind, 'image')
    assert.equal(first?.text, 'Guarda qui')
    assert.deepEqual(first?.media, {
      providerMediaId: 'MM2a3b4c5d6e7f8091a2b3c4d5e6f70819/ME0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      mimeType: 'image/jpeg',
      sha256: null,
    })
    assert.equal(second?.providerMessageId, 'MM2a3b4c5d6e7f8091a2b3c4d5e6f70819/1')
    assert.equal(second?.kind, 'audio')
    assert.equal(second?.text, '')
  })

  it('STOP and START: the opt-out keywords, whether Twilio names them or not', () => {
    assert.equal(parse('stop').messages[0]?.optOut, 'stop')
    assert.equal(parse('start').messages[0]?.optOut, 'start')
    assert.equal(optOutOf('  unsubscribe ', undefined), 'stop')
    assert.equal(optOutOf('stop calling me at work', undefined), undefined)
    assert.equal(optOutOf('Ciao', undefined), undefined)
  })

  it('status callbacks: delivered; undelivered as failed with its error code; sending left to "queued"', () => {
    assert.deepEqual(parse('status-delivered').statuses, [
      { providerMessageId: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0', status: 'delivered', at, errorCode: null },
    ])
    assert.deepEqual(parse('status-undelivered').statuses[0]?.errorCode, '30005')
    assert.equal(parse('status-undelivered').statuses[0]?.status, 'failed')
    const sending = parse('status-sending')
    assert.deepEqual(sending.statuses, [])
    assert.deepEqual(sending.ignored, ['status sending'])
  })

  it('a call: ringing, a round of phones unanswered or answered, its end, an operator screening it', () => {
    const callSid = 'CA5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'
    const caller = { providerCallId: callSid, from: '+393471234567', receivedAt: at }
    assert.deepEqual(parse('call-ringing').call, { ...caller, step: { kind: 'ringing' } })
    assert.deepEqual(parse('dial-no-answer').call, {
      ...caller,
      step: {
        kind: 'dial-ended',
        dialId: 'CA7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
        answered: false,
        canceled: false,
        talkSeconds: null,
      },
    })
    assert.deepEqual(parse('dial-completed').call?.step, {
      kind: 'dial-ended',
      dialId: 'CA7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
      answered: true,
      canceled: false,
      talkSeconds: 192,
    })
    assert.deepEqual(parse('call-completed').call, { ...caller, step: { kind: 'ended', seconds: 215 } })
    // the operator's leg names the caller's call as its parent, and never carries the caller's number
    const screening = { providerCallId: callSid, from: null, receivedAt: at }
    assert.deepEqual(parse('screening').call, {
      ...screening,
      step: { kind: 'screening', to: '+393401112233', legId: LEG },
    })
    assert.deepEqual(parse('screening-accepted').call, {
      ...screening,
      step: { kind: 'screening', to: '+393401112233', legId: LEG, accepted: true },
    })
  })

  it("a conference's reports: a participant joined or left (with its label), the conference ended", () => {
    const room = '4f0c2a6e-8d1b-4c3a-9e5f-7a6b5c4d3e2f'
    const conferenceId = 'CF0a1b2c3d4e5f60718293a4b5c6d7e8f9'
    const mediator = {
      room,
      conferenceId,
      legId: 'CA9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      label: 'm-9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    }
    assert.deepEqual(parse('conference-participant-join').conference, {
      ...mediator,
      event: 'join',
      legStatus: null,
      at: new Date('2026-12-01T15:04:10Z'),
    })
    assert.deepEqual(parse('conference-participant-leave').conference, {
      ...mediator,
      event: 'leave',
      legStatus: 'completed',
      at: new Date('2026-12-01T15:09:40Z'),
    })
    assert.deepEqual(parse('conference-end').conference, {
      room,
      conferenceId,
      event: 'end',
      legId: null,
      label: null,
      legStatus: null,
      at: new Date('2026-12-01T15:12:00Z'),
    })
    // events Ascolto did not ask for are acknowledged, and a report without its conference is not Twilio's
    const muted = { ...fixture('conference-participant-join'), StatusCallbackEvent: 'participant-mute' }
    assert.deepEqual(parseTwilioWebhook(muted, config, at).ignored, ['conference participant-mute'])
    const { FriendlyName: _, ...nameless } = fixture('conference-participant-join')
    assert.throws(() => parseTwilioWebhook(nameless, config, at), WebhookPayloadError)
  })

  it("a voicemail: <Record>'s action, the recording sid as the message's id and its media", () => {
    const events = parse('record-action')
    assert.deepEqual(events.call?.step, {
      kind: 'voicemail',
      providerMessageId: 'RE3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
    })
    assert.deepEqual(events.messages, [
      {
        providerMessageId: 'RE3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
        from: '+393471234567',
        receivedAt: at,
        kind: 'voicemail',
        text: '',
        media: {
          providerMediaId: 'RE3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
          mimeType: 'audio/mpeg',
          sha256: null,
          voice: true,
          // the recording's length, from RecordingDuration
          durationSeconds: 14,
        },
      },
    ])
  })

  it("the recording's own status callback is acknowledged; a transcription names its voicemail", () => {
    const status = parse('recording-status')
    assert.deepEqual([status.messages, status.ignored], [[], ['recording completed']])
    assert.deepEqual(parse('transcription').transcriptions, [
      {
        providerMessageId: 'RE3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
        text: 'Hello, this is a message for the helpline, please call me back tomorrow.',
      },
    ])
  })

  it('another account or another number: acknowledged, nothing taken', () => {
    const other = parseTwilioWebhook({ ...fixture('sms'), AccountSid: `AC${'0'.repeat(32)}` }, config, at)
    assert.deepEqual([other.messages, other.ignored], [[], ['another account']])
    const number = parseTwilioWebhook({ ...fixture('sms'), To: '+390299999999' }, config, at)
    assert.deepEqual([number.messages, number.ignored], [[], ['another phone number']])
  })

  it('what is not a Twilio request of a known kind is a payload error, naming what is missing', () => {
    assert.throws(
      () => parseTwilioWebhook({ AccountSid: config.accountSid }, config, at),
      WebhookPayloadError,
    )
    const { From: _from, ...withoutSender } = fixture('sms')
    assert.throws(() => parseTwilioWebhook(withoutSender, config, at), /From is missing/)
    assert.throws(
      () => parseTwilioWebhook({ ...fixture('sms'), MessageSid: 'SM123' }, config, at),
      /MessageSid is not a Twilio id/,
    )
    assert.throws(() => twilioAdapter.webhook.parse(Buffer.alloc(0), connection), WebhookPayloadError)
  })
})

describe('Twilio webhook signature', () => {
  const params = fixture('sms')
  const verify = (headers: Record<string, string>, url = URL, raw = body(params)) =>
    twilioAdapter.webhook.verify({ headers, rawBody: raw, url }, connection)

  it("accepts Twilio's signature over the public URL and the form", () => {
    assert.equal(verify({ 'x-twilio-signature': twilioSignature(AUTH_TOKEN, URL, params) }), true)
  })

  it('refuses no signature, another token, another URL, a changed parameter', () => {
    assert.equal(verify({}), false)
    assert.equal(verify({ 'x-twilio-signature': twilioSignature('f'.repeat(32), URL, params) }), false)
    const signed = { 'x-twilio-signature': twilioSignature(AUTH_TOKEN, URL, params) }
    assert.equal(verify(signed, `${URL}?x=1`), false)
    assert.equal(verify(signed, URL, body({ ...params, Body: 'altro' })), false)
    assert.equal(twilioAdapter.webhook.verify({ headers: signed, rawBody: body(params) }, connection), false)
  })
})
