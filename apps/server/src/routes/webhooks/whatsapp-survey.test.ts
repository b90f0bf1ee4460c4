// The survey on a text channel, for real through the fake Cloud API. Nothing proactive: only a
// person who said yes in the conversation (the volunteer asks from the console, the person answers
// "sì") is sent the first scale question after the close, as an ordinary message; a reply of just
// a number within the survey's hours is recorded as the answer, in the closed conversation, and
// opens nothing; any other reply (or a second number) is an ordinary message, which soon after a
// close goes on in the conversation just closed (reopened, as any message within desk.reopenHours).
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

  const newPhone = () => `39333${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}`
  const askConsent = (chat: { conversationId: string; volunteer: { cookie: string } }) =>
    call(`${server.url}/api/conversations/${chat.conversationId}/survey-consent`, {
      method: 'POST',
      cookie: chat.volunteer.cookie,
    })
  const close = async (chat: { conversationId: string; volunteer: { cookie: string } }) => {
    const closed = await call(`${server.url}/api/conversations/${chat.conversationId}/close`, {
      cookie: chat.volunteer.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
  }
  /** What the conversation sent the person, in order (the close's survey question is queued in its transaction). */
  const outboundOf = async (conversationId: string) =>
    (
      await server.pool.query<{ kind: string }>(
        `select kind from message where conversation_id = $1 and direction = 'outbound' order by seq`,
        [conversationId],
      )
    ).rows.map((row) => row.kind)

  /** A person's conversation on a helpline that surveys WhatsApp: they said yes when asked, the volunteer closed, the question sent. */
  async function closedWithSurvey() {
    const phone = newPhone()
    const chat = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, chat.helplineId, ['webchat', 'whatsapp'])
    assert.equal((await askConsent(chat)).status, 201)
    await eventually('the consent question reaches WhatsApp', () =>
      fake.sent.some((sent) => sent.to === phone),
    )
    assert.match(
      fake.sent.find((sent) => sent.to === phone)?.text ?? '',
      /^Quando chiuderemo questa conversazione/,
    )
    await chat.write(whatsappText({ phone }, 'Sì!'))
    await close(chat)
    await eventually(
      'the question reaches WhatsApp',
      () => fake.sent.filter((sent) => sent.to === phone).length === 2,
    )
    const question = fake.sent.filter((sent) => sent.to === phone)[1]
    assert.equal(
      question?.text,
      'Ti è stato utile parlare con noi?\nRispondi con un numero da 1 a 5 (1 = per niente, 5 = moltissimo).',
    )
    return { ...chat, phone }
  }

  it('sends nothing after the close to a person who was not asked, or did not say yes', async () => {
    const unasked = await openWhatsAppConversation(server, fake, { phone: newPhone() })
    await setSurvey(server.pool, unasked.helplineId, ['whatsapp'])
    await close(unasked)
    assert.deepEqual(await outboundOf(unasked.conversationId), [], 'not asked: nothing')

    const phone = newPhone()
    const declined = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, declined.helplineId, ['whatsapp'])
    assert.equal((await askConsent(declined)).status, 201)
    assert.equal((await askConsent(declined)).status, 409, 'asked once')
    await declined.write(whatsappText({ phone }, 'sì, ma non scrivetemi dopo'))
    await close(declined)
    assert.deepEqual(await outboundOf(declined.conversationId), ['text'], 'the consent question only')
    const { rows } = await server.pool.query(
      'select survey_consented_at, survey_asked_at from conversation where id = $1',
      [declined.conversationId],
    )
    assert.deepEqual(rows[0], { survey_consented_at: null, survey_asked_at: null })
  })

  it('asks for consent only on a door the survey lists, in a conversation of the asker’s helpline', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: newPhone() })
    assert.equal((await askConsent(chat)).status, 400, 'no survey on this door')
    const other = await openWhatsAppConversation(server, fake, { phone: newPhone() })
    await setSurvey(server.pool, other.helplineId, ['whatsapp'])
    const walled = await call(`${server.url}/api/conversations/${other.conversationId}/survey-consent`, {
      method: 'POST',
      cookie: chat.volunteer.cookie,
    })
    assert.equal(walled.status, 404)
    assert.deepEqual(await outboundOf(other.conversationId), [])
  })
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

  it('records a reply of just a number as the answer, opening nothing; a second number is an ordinary message', async () => {
    const chat = await closedWithSurvey()
    await chat.write(whatsappText({ phone: chat.phone }, ' 4 '))
    assert.deepEqual(await answersOf(chat.conversationId), { useful: 4 })
    assert.deepEqual(await conversationsOf(chat.channelId), [
      // the first message, the yes, the answer
      { id: chat.conversationId, status: 'closed', inbound: 3 },
    ])

    // an ordinary message, soon after the close: the conversation goes on, the answer stays
    await chat.write(whatsappText({ phone: chat.phone }, '5'))
    const [goesOn, ...others] = await conversationsOf(chat.channelId)
    assert.deepEqual(others, [])
    assert.equal(goesOn?.inbound, 4)
    assert.notEqual(goesOn?.status, 'closed')
    assert.deepEqual(await answersOf(chat.conversationId), { useful: 4 })
  })

  it('takes any other reply, or a number after the survey’s hours, the ordinary way: the conversation goes on', async () => {
    const chat = await closedWithSurvey()
    await chat.write(whatsappText({ phone: chat.phone }, '4 grazie, ma ho ancora bisogno'))
    const after = await conversationsOf(chat.channelId)
    assert.equal(after.length, 1)
    assert.notEqual(after[0]?.status, 'closed', 'reopened')
    assert.equal(await answersOf(chat.conversationId), null)

    const late = await closedWithSurvey()
    await server.pool.query(
      `update conversation set survey_asked_at = now() - interval '5 hours' where id = $1`,
      [late.conversationId],
    )
    await late.write(whatsappText({ phone: late.phone }, '3'))
    const reopened = await conversationsOf(late.channelId)
    assert.equal(reopened.length, 1)
    assert.notEqual(reopened[0]?.status, 'closed', 'reopened')
    assert.equal(await answersOf(late.conversationId), null)
  })

  it('asks nothing once the 24-hour window has closed (the question would wait behind the template)', async () => {
    const phone = `39334${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}`
    const chat = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, chat.helplineId, ['whatsapp'])
    assert.equal((await askConsent(chat)).status, 201)
    await chat.write(whatsappText({ phone }, 'si'))
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
    assert.deepEqual(rows[0], { survey_asked_at: null, outbound: 1 }, 'the consent question only')
  })
})
