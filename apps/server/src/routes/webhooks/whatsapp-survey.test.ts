// The survey on a text channel, for real through the fake Cloud API: after the volunteer closes,
// the first scale question goes out as an ordinary message; a reply of just a number within the
// survey's hours is recorded as the answer, in the closed conversation, and opens nothing; any
// other reply (or a second number) opens a new conversation as usual.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { eventually } from '../../testing/eventually.ts'
import { type FakeWhatsApp, startFakeWhatsApp, whatsappText } from '../../testing/fake-whatsapp.ts'
import { setSurvey } from '../../testing/survey-settings.ts'
import { call, startTestServer, type TestServer } from '../../testing/test-server.ts'
import { openWhatsAppConversation } from '../../testing/whatsapp-conversation.ts'

describe('WhatsApp: the survey after a conversation closes', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  /** A person's conversation, closed by the volunteer on a helpline that surveys WhatsApp; the question sent. */
  async function closedWithSurvey() {
    const phone = `39333${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}`
    const chat = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, chat.helplineId, ['webchat', 'whatsapp'])
    const closed = await call(`${server.url}/api/conversations/${chat.conversationId}/close`, {
      cookie: chat.volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    await eventually('the question reaches WhatsApp', () => fake.sent.some((sent) => sent.to === phone))
    const question = fake.sent.find((sent) => sent.to === phone)
    assert.equal(
      question?.text,
      'Ti è stato utile parlare con noi?\nRispondi con un numero da 1 a 5 (1 = per niente, 5 = moltissimo).',
    )
    return { ...chat, phone }
  }
  const conversationsOf = async (channelId: string) =>
    (
      await server.pool.query<{ id: string; status: string; inbound: number }>(
        `select c.id, c.status, (select count(*)::int from message m
                                  where m.conversation_id = c.id and m.direction = 'inbound') as inbound
           from conversation c where c.channel_id = $1 order by c.opened_at`,
        [channelId],
      )
    ).rows
  const answersOf = async (conversationId: string) =>
    (
      await server.pool.query('select survey_answers from conversation_fact where conversation_id = $1', [
        conversationId,
      ])
    ).rows[0]?.survey_answers

  it('records a reply of just a number as the answer, opening nothing; a second number is a new message', async () => {
    const chat = await closedWithSurvey()
    await chat.write(whatsappText({ phone: chat.phone }, ' 4 '))
    assert.deepEqual(await answersOf(chat.conversationId), { useful: 4 })
    assert.deepEqual(await conversationsOf(chat.channelId), [
      { id: chat.conversationId, status: 'closed', inbound: 2 },
    ])

    await chat.write(whatsappText({ phone: chat.phone }, '5'))
    const [first, second] = await conversationsOf(chat.channelId)
    assert.deepEqual(first, { id: chat.conversationId, status: 'closed', inbound: 2 })
    assert.equal(second?.status, 'waiting')
    assert.deepEqual(await answersOf(chat.conversationId), { useful: 4 })
  })

  it('takes any other reply, or a number after the survey’s hours, the ordinary way: a new conversation', async () => {
    const chat = await closedWithSurvey()
    await chat.write(whatsappText({ phone: chat.phone }, '4 grazie, ma ho ancora bisogno'))
    const after = await conversationsOf(chat.channelId)
    assert.equal(after.length, 2)
    assert.equal(after[1]?.status, 'waiting')
    assert.equal(await answersOf(chat.conversationId), null)

    const late = await closedWithSurvey()
    await server.pool.query(
      `update conversation set survey_asked_at = now() - interval '5 hours' where id = $1`,
      [late.conversationId],
    )
    await late.write(whatsappText({ phone: late.phone }, '3'))
    assert.equal((await conversationsOf(late.channelId)).length, 2)
    assert.equal(await answersOf(late.conversationId), null)
  })

  it('asks nothing once the 24-hour window has closed (the question would wait behind the template)', async () => {
    const phone = `39334${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}`
    const chat = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, chat.helplineId, ['whatsapp'])
    await server.pool.query(
      `update contact_identity set last_inbound_at = now() - interval '25 hours' where channel_id = $1`,
      [chat.channelId],
    )
    const closed = await call(`${server.url}/api/conversations/${chat.conversationId}/close`, {
      cookie: chat.volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    const { rows } = await server.pool.query(
      `select c.survey_asked_at, (select count(*)::int from message m where m.conversation_id = c.id
                                     and m.direction = 'outbound') as outbound
         from conversation c where c.id = $1`,
      [chat.conversationId],
    )
    assert.deepEqual(rows[0], { survey_asked_at: null, outbound: 0 })
  })
})
