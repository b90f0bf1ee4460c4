// The 24-hour customer-service window, for real: the Friday-night message answered on Monday is
// held, the approved template goes instead (once), and the held replies leave, in order, the
// moment the person answers; a free-form reply Meta refuses anyway (131047) falls back the same
// way. The console sees the window and the held replies.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationDetail, MessageView } from '@ascolto/protocol'
import { type FakeWhatsApp, startFakeWhatsApp, whatsappText } from '../../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../../testing/sockets.ts'
import { call, startTestServer, type TestServer } from '../../testing/test-server.ts'
import {
  openWhatsAppConversation,
  untilSettled,
  type WhatsAppChat,
} from '../../testing/whatsapp-conversation.ts'

const TEMPLATE = {
  name: 'risposta_in_attesa',
  language: 'it',
  text: 'Hai una risposta da noi: rispondi a questo messaggio per leggerla.',
}

describe('WhatsApp: the 24-hour window', () => {
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

  /** The person last wrote `hours` ago (Friday night, and now it is Monday). */
  const lastWroteHoursAgo = (chat: WhatsAppChat, hours: number) =>
    server.pool.query(
      `update contact_identity set last_inbound_at = now() - make_interval(hours => $2)
        where channel_id = $1`,
      [chat.channelId, hours],
    )
  const detail = async (chat: WhatsAppChat) =>
    (await call(`${server.url}/api/conversations/${chat.conversationId}`, { cookie: chat.volunteer.cookie }))
      .body as ConversationDetail
  const shape = async (chat: WhatsAppChat) =>
    (await untilSettled(server, chat.conversationId)).map((row) => [row.kind, row.status])

  it('tells the console when the window closes: 24 hours after the person last wrote', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393470000001' })
    const { conversation } = await detail(chat)
    assert.ok(conversation.replyWindowClosesAt)
    const hoursLeft = (Date.parse(conversation.replyWindowClosesAt) - Date.now()) / 3_600_000
    assert.ok(hoursLeft > 23.8 && hoursLeft <= 24, `closes in ${hoursLeft} h`)
    await lastWroteHoursAgo(chat, 30)
    const later = await detail(chat)
    assert.ok(Date.parse(later.conversation.replyWindowClosesAt ?? '') < Date.now())
  })

  it('holds a late reply, sends the template once, and releases every held reply when the person answers', async () => {
    const chat = await openWhatsAppConversation(
      server,
      fake,
      { phone: '393470000002' },
      { template: TEMPLATE },
    )
    await lastWroteHoursAgo(chat, 64)
    const consoleSocket = await connectConsole(server.url, chat.volunteer.cookie)
    try {
      const before = fake.sent.length
      const held = nextEvent<MessageView>(consoleSocket, 'message.updated', (m) => m.status === 'held')
      const template = nextEvent<MessageView>(consoleSocket, 'message.created', (m) => m.kind === 'template')
      const first = await chat.reply('Scusa il ritardo: ho letto il tuo messaggio di venerdì.')
      assert.equal((await held).id, first.id)
      assert.equal((await template).text, TEMPLATE.text)
      await chat.reply('Quando vuoi, scrivimi: sono qui fino alle 21.')
      assert.deepEqual(await shape(chat), [
        ['text', 'held'],
        ['template', 'sent'],
        ['text', 'held'],
      ])
      // Meta received the template alone, never the free text it would refuse
      assert.deepEqual(
        fake.sent.slice(before).map((m) => [m.to, m.template?.name, m.template?.language, m.body.type]),
        [['393470000002', TEMPLATE.name, TEMPLATE.language, 'template']],
      )

      const released = nextEvent<MessageView>(consoleSocket, 'message.updated', (m) => m.id === first.id)
      await chat.write(whatsappText({ phone: '393470000002' }, 'Eccomi'))
      assert.notEqual((await released).status, 'held')
      assert.deepEqual(await shape(chat), [
        ['text', 'sent'],
        ['template', 'sent'],
        ['text', 'sent'],
      ])
      assert.deepEqual(
        fake.sent.slice(before + 1).map((m) => m.text),
        [
          'Scusa il ritardo: ho letto il tuo messaggio di venerdì.',
          'Quando vuoi, scrivimi: sono qui fino alle 21.',
        ],
      )
    } finally {
      consoleSocket.close()
    }
  })

  it('falls back the same way when Meta refuses a reply with 131047 anyway', async () => {
    const chat = await openWhatsAppConversation(
      server,
      fake,
      { phone: '393470000003' },
      { template: TEMPLATE },
    )
    const before = fake.sent.length
    fake.fail(1, { status: 400, code: 131047, message: '(#131047) Re-engagement message' })
    await chat.reply('Ti scrivo dopo due giorni')
    assert.deepEqual(await shape(chat), [
      ['text', 'held'],
      ['template', 'sent'],
    ])
    await chat.write(whatsappText({ phone: '393470000003' }, 'Ci sono'))
    assert.deepEqual(await shape(chat), [
      ['text', 'sent'],
      ['template', 'sent'],
    ])
    assert.deepEqual(
      fake.sent.slice(before).map((m) => m.template?.name ?? m.text),
      [TEMPLATE.name, 'Ti scrivo dopo due giorni'],
    )
  })

  it('without a template, holds the reply until the person writes again, and sends nothing meanwhile', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393470000004' })
    await lastWroteHoursAgo(chat, 25)
    const before = fake.sent.length
    await chat.reply('Ti rispondo appena puoi leggermi')
    assert.deepEqual(await shape(chat), [['text', 'held']])
    assert.equal(fake.sent.length, before)
    await chat.write(whatsappText({ phone: '393470000004' }, 'Ciao di nuovo'))
    assert.deepEqual(await shape(chat), [['text', 'sent']])
  })

  it('keeps the reply held and shows the failure when Meta refuses the template itself', async () => {
    const chat = await openWhatsAppConversation(
      server,
      fake,
      { phone: '393470000005' },
      { template: TEMPLATE },
    )
    await lastWroteHoursAgo(chat, 48)
    fake.fail(1, {
      status: 404,
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
    })
    await chat.reply('Una risposta che aspetta')
    const rows = await untilSettled(server, chat.conversationId)
    assert.deepEqual(
      rows.map((row) => [row.kind, row.status, row.error_code]),
      [
        ['text', 'held', null],
        ['template', 'failed', '132001'],
      ],
    )
    // a later reply tries the template again: the failed one does not count as sent
    await chat.reply('Un’altra')
    assert.deepEqual(await shape(chat), [
      ['text', 'held'],
      ['template', 'failed'],
      ['text', 'held'],
      ['template', 'sent'],
    ])
  })
})
