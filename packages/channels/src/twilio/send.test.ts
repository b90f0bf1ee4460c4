// What Twilio's answers mean for the outbox, and what Ascolto answers Twilio (TwiML).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChannelConfigError } from '../kit/contract.ts'
import { twilioConnection } from './config.ts'
import { sendErrorOf } from './send.ts'
import { twimlFor } from './twiml.ts'

const twilioError = (status: number, code: number) => ({ code, message: 'x', more_info: '', status })

describe('Twilio send errors', () => {
  const cases: Array<[string, number, unknown, string, boolean]> = [
    ['too many requests', 429, twilioError(429, 20429), '20429', true],
    ['account rate limit', 429, twilioError(429, 14107), '14107', true],
    ['internal error', 500, twilioError(500, 20500), '20500', true],
    ['service unavailable', 503, twilioError(503, 20503), '20503', true],
    ['wrong auth token: waits for an administrator', 401, twilioError(401, 20003), '20003', true],
    ['HTTP 502 from a proxy', 502, undefined, 'HTTP_502', true],
    ['opted out with STOP', 400, twilioError(400, 21610), '21610', false],
    ['not a valid number', 400, twilioError(400, 21211), '21211', false],
    ['not a mobile number', 400, twilioError(400, 21614), '21614', false],
    ['region not enabled', 400, twilioError(400, 21408), '21408', false],
    ['HTTP 404 without a body', 404, undefined, 'HTTP_404', false],
  ]
  for (const [name, status, body, code, retryable] of cases) {
    it(`${name}: ${code}, ${retryable ? 'retried' : 'final'}`, () => {
      const error = sendErrorOf(status, body)
      assert.equal(error.code, code)
      assert.equal(error.retryable, retryable)
    })
  }
})

describe('Twilio connection settings', () => {
  it('names every problem at once', () => {
    assert.throws(
      () =>
        twilioConnection({ accountSid: 'AC1', phoneNumber: '02 123', authToken: 'short', forwardTo: 'x' }),
      (error: unknown) => error instanceof ChannelConfigError && error.problems.length === 5,
    )
  })
})

describe('TwiML answers', () => {
  const { config } = twilioConnection({
    accountSid: `AC${'a'.repeat(32)}`,
    phoneNumber: '+390212345678',
    authToken: 'b'.repeat(32),
    publicUrl: 'https://ascolto.example.org',
    forwardTo: '+393471234567',
  })
  const url = 'https://ascolto.example.org/webhooks/twilio/c'
  it('in hours: the phones ring at once showing the helpline number; each hears the announcement and presses 1', () => {
    const xml = twimlFor(config, url, {
      action: 'ring',
      phones: [
        { number: '+393401112233', operatorId: 'a' },
        { number: '+393405556677', operatorId: null },
      ],
      announcement: 'Chiamata',
      language: 'it',
    })
    assert.equal(
      xml,
      `<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="${url}" method="POST" timeout="20" answerOnBridge="true" callerId="+390212345678"><Number url="${url}" method="POST">+393401112233</Number><Number url="${url}" method="POST">+393405556677</Number></Dial></Response>`,
    )
    assert.equal(
      twimlFor(config, url, {
        action: 'announce',
        announcement: 'Chiamata per la Linea: premi 1',
        language: 'it',
      }),
      `<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="${url}" method="POST" numDigits="1" timeout="8" actionOnEmptyResult="true"><Say language="it-IT">Chiamata per la Linea: premi 1</Say></Gather></Response>`,
    )
    assert.equal(
      twimlFor(config, url, { action: 'connect' }),
      '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    )
  })

  it('out of hours: the message in the helpline language, then a voicemail (transcribed in English only)', () => {
    const it = twimlFor(config, url, {
      action: 'answer',
      open: false,
      message: 'Siamo chiusi',
      language: 'it',
    })
    assert.match(
      it,
      /<Say language="it-IT">Siamo chiusi<\/Say><Record action="[^"]+" method="POST" maxLength="180"/,
    )
    assert.doesNotMatch(it, /transcribe/)
    const en = twimlFor(config, url, {
      action: 'answer',
      open: false,
      message: 'Closed',
      language: 'en',
    })
    assert.match(
      en,
      /transcribe="true" transcribeCallback="https:\/\/ascolto\.example\.org\/webhooks\/twilio\/c"/,
    )
  })

  it('nobody answered in hours: the voicemail; a blocked caller is rejected', () => {
    const xml = twimlFor(config, url, {
      action: 'answer',
      open: true,
      message: 'Occupato',
      language: 'it',
    })
    assert.match(xml, /<Say language="it-IT">Occupato<\/Say><Record/)
    assert.equal(
      twimlFor(config, url, { action: 'reject' }),
      '<?xml version="1.0" encoding="UTF-8"?><Response><Reject/></Response>',
    )
  })

  it('messages and statuses get an empty response', () => {
    assert.equal(twimlFor(config, url, undefined), '<?xml version="1.0" encoding="UTF-8"?><Response/>')
  })
})
