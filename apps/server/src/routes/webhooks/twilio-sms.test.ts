// Twilio → Ascolto and back, for real: SMS and MMS webhooks signed over the public URL (as behind
// a proxy), refused unsigned, stored once however often Twilio retries; replies through the real
// worker to the fake Twilio with their status callbacks; retries against a failing Twilio; STOP
// honoured: no reply is even queued for a person who opted out.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createChannel } from '@ascolto/core'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  type TwilioTarget,
  twilioSms,
  twilioStatus,
} from '../../testing/fake-twilio.ts'
import { repliesSettled } from '../../testing/replies-settled.ts'
import { openMessageProviderId, openMessageText } from '../../testing/sealed.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
const phone = () => `+39347${randomBytes(4).readUInt32BE(0) % 10_000_000}`.padEnd(13, '0')

describe('Twilio SMS: Twilio to Ascolto and back', () => {
  let server: TestServer
  let fake: FakeTwilio
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL })
    fake = await startFakeTwilio()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  async function door() {
    const { helplineId } = await makeHelpline(server.pool)
    const channel = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    return { helplineId, ...channel }
  }

  const stored = async (channelId: string) =>
    (
      await server.pool.query(
        `select id, helpline_id, kind, body_sealed, media, media_status, provider_message_id, direction, status, error_code
           from message where channel_id = $1 order by seq`,
        [channelId],
      )
    ).rows

  async function conversationOf(helplineId: string, target: TwilioTarget, from: string) {
    assert.equal((await postTwilioWebhook(target, twilioSms(fake.accountSid, from, 'Ciao'))).status, 200)
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    const conversationId: string = queue.body.conversations[0].id
    const taken = await call(`${server.url}/api/conversations/${conversationId}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(taken.status, 200)
    const reply = (text: string) =>
      call(`${server.url}/api/conversations/${conversationId}/messages`, {
        cookie: volunteer.cookie,
        body: { text },
      })
    return { conversationId, reply }
  }

  it('stores a signed SMS once, however often Twilio retries it, and answers empty TwiML', async () => {
    const { channelId, target } = await door()
    const sms = twilioSms(fake.accountSid, '+393471234567', 'Buonasera, vorrei parlare con qualcuno')
    for (let i = 0; i < 3; i++) {
      const answer = await postTwilioWebhook(target, sms)
      assert.equal(answer.status, 200)
      assert.match(answer.type, /^text\/xml/)
      assert.equal(answer.body, EMPTY_TWIML)
    }
    const rows = await stored(channelId)
    assert.equal(rows.length, 1)
    assert.equal(await openMessageProviderId(server, rows[0].id), sms.MessageSid)
    assert.equal(await openMessageText(server, rows[0].id), 'Buonasera, vorrei parlare con qualcuno')
  })

  it('refuses unsigned and wrongly signed requests, and a signature over another URL: 401, nothing stored', async () => {
    const { channelId, target } = await door()
    const sms = twilioSms(fake.accountSid, '+393471234567', 'Ciao')
    assert.equal((await postTwilioWebhook(target, sms, { signature: null })).status, 401)
    assert.equal((await postTwilioWebhook(target, sms, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status, 401)
    // signed for the address Ascolto listens on, not the public one Twilio calls
    assert.equal((await postTwilioWebhook({ ...target, publicUrl: target.url }, sms)).status, 401)
    assert.equal((await postTwilioWebhook({ ...target, authToken: 'f'.repeat(32) }, sms)).status, 401)
    assert.equal((await stored(channelId)).length, 0)
  })

  it('a signed body that is not a Twilio request: 400 saying what is missing; a channel without secrets: 503', async () => {
    const { channelId, target } = await door()
    const { From: _from, ...withoutSender } = twilioSms(fake.accountSid, '+393471234567', 'Ciao')
    const answer = await postTwilioWebhook(target, withoutSender)
    assert.equal(answer.status, 400)
    assert.match(answer.body, /From is missing/)
    assert.equal((await stored(channelId)).length, 0)

    const { helplineId } = await makeHelpline(server.pool)
    const bare = await createChannel(server.pool, { helplineId, kind: 'twilio', name: 'SMS' })
    const path = `/webhooks/twilio/${bare.id}`
    const unconfigured = await postTwilioWebhook(
      { url: `${server.url}${path}`, publicUrl: `${PUBLIC_URL}${path}`, authToken: fake.authToken },
      twilioSms(fake.accountSid, '+393471234567', 'Ciao'),
    )
    assert.equal(unconfigured.status, 503)
  })

  it('an MMS: one message per file, each with its media id, never a URL', async () => {
    const { channelId } = await door().then(async (d) => {
      const mms = twilioSms(fake.accountSid, '+393471234560', 'Guarda', {
        media: [{ contentType: 'image/jpeg' }, { contentType: 'audio/amr' }],
      })
      assert.equal((await postTwilioWebhook(d.target, mms)).status, 200)
      return d
    })
    const rows = await stored(channelId)
    assert.deepEqual(
      rows.map((row) => [
        row.kind,
        row.media?.mimeType,
        /^MM[0-9a-f]{32}\/ME[0-9a-f]{32}$/.test(row.media?.providerMediaId),
      ]),
      [
        ['image', 'image/jpeg', true],
        ['audio', 'audio/amr', true],
      ],
    )
  })

  it('delivers a reply through the worker with basic auth; status callbacks move it forward', async () => {
    const { helplineId, target } = await door()
    const person = phone()
    const chat = await conversationOf(helplineId, target, person)
    const before = fake.sent.length
    const reply = await chat.reply('Ciao, sono qui. Ti ascolto.')
    assert.equal(reply.status, 201)
    const [sent] = await repliesSettled(server, chat.conversationId)
    const request = fake.sent[before]
    assert.deepEqual(
      { ...request, sid: undefined, at: undefined },
      {
        sid: undefined,
        at: undefined,
        to: person,
        from: '+390212345678',
        body: 'Ciao, sono qui. Ti ascolto.',
        statusCallback: target.publicUrl,
      },
    )
    assert.equal(sent?.provider_id, request?.sid)
    assert.equal(sent?.status, 'sent')
    for (const status of ['sent', 'delivered'] as const) {
      const answer = await postTwilioWebhook(
        target,
        twilioStatus(fake.accountSid, sent?.provider_id ?? '', status),
      )
      assert.equal(answer.status, 200)
    }
    assert.equal((await repliesSettled(server, chat.conversationId))[0]?.status, 'delivered')
    // an undelivered report after delivery is stale; for another reply it records Twilio's code
    await postTwilioWebhook(
      target,
      twilioStatus(fake.accountSid, sent?.provider_id ?? '', 'undelivered', 30005),
    )
    assert.equal((await repliesSettled(server, chat.conversationId))[0]?.status, 'delivered')
    await chat.reply('Ci sei?')
    const [, second] = await repliesSettled(server, chat.conversationId)
    await postTwilioWebhook(
      target,
      twilioStatus(fake.accountSid, second?.provider_id ?? '', 'undelivered', 30005),
    )
    const [, failed] = await repliesSettled(server, chat.conversationId)
    assert.deepEqual([failed?.status, failed?.error_code], ['failed', '30005'])
  })

  it('retries a busy or broken Twilio (429, 500, a hang) and fails at once on a final refusal', async () => {
    const { helplineId, target } = await door()
    const chat = await conversationOf(helplineId, target, phone())
    const attempts = fake.attempts()
    fake.fail(1, { status: 429, code: 20429, message: 'Too Many Requests' })
    fake.fail(1, { status: 500, code: 20500, message: 'Internal Server Error' })
    await chat.reply('Riprova')
    const [sent] = await repliesSettled(server, chat.conversationId)
    assert.equal(sent?.status, 'sent')
    assert.equal(fake.attempts() - attempts, 3)

    fake.fail(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' })
    await chat.reply('Non arriverà')
    const [, refused] = await repliesSettled(server, chat.conversationId)
    assert.deepEqual([refused?.status, refused?.error_code], ['failed', '21610'])
    assert.equal(fake.attempts() - attempts, 4)
  })

  it('a send that hangs is abandoned at the time-out and tried again', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId,
      timeoutMs: 300,
    })
    const chat = await conversationOf(helplineId, target, phone())
    fake.fail(1, 'hang')
    await chat.reply('Dopo un silenzio')
    const [sent] = await repliesSettled(server, chat.conversationId)
    assert.equal(sent?.status, 'sent')
  })

  it('STOP: the person opted out, no reply is queued; START: replies go again', async () => {
    const { helplineId, target, channelId } = await door()
    const person = phone()
    const chat = await conversationOf(helplineId, target, person)
    const stop = twilioSms(fake.accountSid, person, 'STOP', { optOutType: 'STOP' })
    assert.equal((await postTwilioWebhook(target, stop)).status, 200)
    const refused = await chat.reply('Ti scrivo ancora')
    assert.equal(refused?.status, 409)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_OPTED_OUT')
    const outbound = (await stored(channelId)).filter((row) => row.direction === 'outbound')
    assert.equal(outbound.length, 0)

    assert.equal((await postTwilioWebhook(target, twilioSms(fake.accountSid, person, 'Start'))).status, 200)
    assert.equal((await chat.reply('Bentornata')).status, 201)
    const [sent] = await repliesSettled(server, chat.conversationId)
    assert.equal(sent?.status, 'sent')
  })
})
