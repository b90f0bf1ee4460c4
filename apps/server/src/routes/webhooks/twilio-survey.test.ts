// The survey by SMS, through the fake Twilio: to a person who said yes when the volunteer asked,
// the question goes out after the close as an ordinary SMS and a reply of just a number is the
// answer; a caller who only left a voicemail on the same number is sent nothing.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  type TwilioTarget,
  twilioRecorded,
  twilioSid,
  twilioSms,
} from '../../testing/fake-twilio.ts'
import { setSurvey } from '../../testing/survey-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const phone = () => `+39347${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, '0')}`

describe('Twilio SMS: the survey after a conversation closes', () => {
  let server: TestServer
  let fake: FakeTwilio
  let helplineId: string
  let target: TwilioTarget
  let volunteer: { cookie: string }
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL })
    fake = await startFakeTwilio()
    ;({ helplineId } = await makeHelpline(server.pool))
    await setSurvey(server.pool, helplineId, ['twilio'])
    ;({ target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId }))
    volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  /** The waiting conversation, taken and closed by the volunteer; `consent`: the person's yes to the survey before. */
  async function takeAndClose(consent?: { from: string; reply: string }) {
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    const conversationId: string = queue.body.conversations[0].id
    await call(`${server.url}/api/conversations/${conversationId}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    if (consent) {
      const asked = await call(`${server.url}/api/conversations/${conversationId}/survey-consent`, {
        method: 'POST',
        cookie: volunteer.cookie,
      })
      assert.equal(asked.status, 201)
      const said = await postTwilioWebhook(target, twilioSms(fake.accountSid, consent.from, consent.reply))
      assert.equal(said.status, 200)
    }
    const closed = await call(`${server.url}/api/conversations/${conversationId}/close`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    return conversationId
  }
  const answersOf = async (conversationId: string) =>
    (
      await server.pool.query('select survey_answers from conversation_fact where conversation_id = $1', [
        conversationId,
      ])
    ).rows[0]?.survey_answers

  it('texts the question after the close to a person who said yes, and takes a number in reply as the answer', async () => {
    const from = phone()
    assert.equal((await postTwilioWebhook(target, twilioSms(fake.accountSid, from, 'Ciao'))).status, 200)
    const conversationId = await takeAndClose({ from, reply: 'SI' })
    await eventually(
      'the question reaches Twilio',
      () => fake.sent.filter((sms) => sms.to === from).length === 2,
    )
    const [consent, question] = fake.sent.filter((sms) => sms.to === from)
    assert.match(consent?.body ?? '', /Rispondi SÌ se sei d’accordo/)
    assert.match(question?.body ?? '', /^Ti è stato utile parlare con noi\?\nRispondi con un numero da 1 a 5/)
    assert.equal((await postTwilioWebhook(target, twilioSms(fake.accountSid, from, '2'))).status, 200)
    assert.deepEqual(await answersOf(conversationId), { useful: 2 })
    const waiting = await server.pool.query(
      `select 1 from conversation where helpline_id = $1 and status <> 'closed'`,
      [helplineId],
    )
    assert.equal(waiting.rowCount, 0)
  })

  it('sends nothing to a caller who only left a voicemail', async () => {
    const from = phone()
    const recorded = await postTwilioWebhook(target, twilioRecorded(fake.accountSid, from, twilioSid('CA')))
    assert.equal(recorded.status, 200)
    const conversationId = await takeAndClose()
    const { rows } = await server.pool.query(
      `select kind from message where conversation_id = $1 order by seq`,
      [conversationId],
    )
    // the voicemail, and the call it was left in, on record
    assert.deepEqual(rows, [{ kind: 'voicemail' }, { kind: 'call' }])
    const asked = await server.pool.query('select survey_asked_at from conversation where id = $1', [
      conversationId,
    ])
    assert.equal(asked.rows[0].survey_asked_at, null)
  })
})
