// Ascolto → Meta, for real: a volunteer's reply leaves through the real worker to the fake Cloud
// API, the status webhooks that follow move it forward and never back, a busy or broken Graph
// API is retried in order, and a refusal no retry can change fails at once with Meta's code.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { MessageView } from '@ascolto/protocol'
import { eventually } from '../../testing/eventually.ts'
import { type FakeWhatsApp, newWamid, startFakeWhatsApp, whatsappText } from '../../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../../testing/sockets.ts'
import { call, startTestServer, type TestServer } from '../../testing/test-server.ts'
import {
  openWhatsAppConversation,
  outboundOf,
  untilSettled as settled,
} from '../../testing/whatsapp-conversation.ts'

describe('WhatsApp delivery: Ascolto to Meta and back', () => {
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

  const conversation = (from: { phone?: string; userId?: string }, options: { timeoutMs?: number } = {}) =>
    openWhatsAppConversation(server, fake, from, options)
  const outbound = (conversationId: string) => outboundOf(server, conversationId)
  const untilSettled = (conversationId: string) => settled(server, conversationId)

  it('delivers a reply through the worker to the Graph API, by phone number, with the token', async () => {
    const chat = await conversation({ phone: '393471234567' })
    const before = fake.sent.length
    const message = await chat.reply('Ciao, sono qui. Ti ascolto.')
    const [sent] = await untilSettled(chat.conversationId)
    const request = fake.sent[before]
    assert.ok(request)
    assert.deepEqual(request.body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '393471234567',
      type: 'text',
      text: { preview_url: false, body: 'Ciao, sono qui. Ti ascolto.' },
    })
    assert.equal(request.apiVersion, 'v24.0')
    assert.equal(request.phoneNumberId, '109876543210123')
    assert.deepEqual(sent, {
      id: message.id,
      kind: 'text',
      status: 'sent',
      error_code: null,
      provider_id: request.wamid,
    })
  })

  it('answers a person known only by their business-scoped id through `recipient`', async () => {
    const chat = await conversation({ userId: 'IT.1795000000000000001' })
    const before = fake.sent.length
    await chat.reply('Ti rispondo anche senza il tuo numero')
    await untilSettled(chat.conversationId)
    const request = fake.sent[before]
    assert.equal(request?.body.recipient, 'IT.1795000000000000001')
    assert.equal(request?.body.to, undefined)
  })

  it('moves a status forward on each webhook and never back, telling the console', async () => {
    const chat = await conversation({ phone: '393471234568', userId: 'IT.1795000000000000002' })
    const consoleSocket = await connectConsole(server.url, chat.volunteer.cookie)
    try {
      const message = await chat.reply('Come stai adesso?')
      const [sent] = await untilSettled(chat.conversationId)
      const wamid = sent?.provider_id ?? ''
      const current = async () => (await outbound(chat.conversationId))[0]

      const read = nextEvent<MessageView>(consoleSocket, 'message.updated', (m) => m.status === 'read')
      assert.equal((await chat.status(wamid, 'read')).status, 200)
      assert.equal((await read).id, message.id)
      // late and repeated reports: delivered and sent arrive after read, a failure after that
      for (const late of ['delivered', 'sent', 'read'] as const) {
        assert.equal((await chat.status(wamid, late)).status, 200)
      }
      assert.equal((await chat.status(wamid, 'failed', 131026)).status, 200)
      assert.deepEqual(await current(), { ...sent, status: 'read' })
    } finally {
      consoleSocket.close()
    }
  })

  it('records a failure with its code, and a later delivery wins over it', async () => {
    const chat = await conversation({ phone: '393471234569' })
    await chat.reply('Ci sei?')
    const [sent] = await untilSettled(chat.conversationId)
    await chat.status(sent?.provider_id ?? '', 'failed', 131026)
    assert.deepEqual((await outbound(chat.conversationId))[0], {
      ...sent,
      status: 'failed',
      error_code: '131026',
    })
    await chat.status(sent?.provider_id ?? '', 'delivered')
    assert.deepEqual((await outbound(chat.conversationId))[0], {
      ...sent,
      status: 'delivered',
      error_code: null,
    })
    // a status for a message this channel never sent changes nothing, and is still acknowledged
    assert.equal((await chat.status('wamid.unknown', 'read')).status, 200)
    assert.equal((await chat.status('wamid.unknown', 'read')).status, 200)
  })

  it('applies a status that arrives before the worker has recorded the send it reports on', async () => {
    const chat = await conversation({ phone: '393471234573' })
    const consoleSocket = await connectConsole(server.url, chat.volunteer.cookie)
    try {
      fake.reportBeforeAnswer({ url: chat.webhookUrl, appSecret: chat.appSecret }, ['delivered'])
      const shown = nextEvent<MessageView>(consoleSocket, 'message.updated', (m) => m.status === 'delivered')
      const message = await chat.reply('Questo arriva prima della risposta')
      const [row] = await untilSettled(chat.conversationId)
      assert.equal(row?.status, 'delivered')
      assert.equal((await shown).id, message.id)
      const waiting = await server.pool.query(
        'select count(*)::int as n from delivery_status_early where channel_id = $1',
        [chat.channelId],
      )
      assert.equal(waiting.rows[0].n, 0)
    } finally {
      consoleSocket.close()
    }
  })

  it('retries a throttled or broken Graph API with backoff, then delivers every reply once, in order', async () => {
    const chat = await conversation({ phone: '393471234570' })
    const before = fake.sent.length
    const attemptsBefore = fake.attempts()
    fake.fail(1, { status: 429, code: 130429, message: '(#130429) Rate limit hit' })
    fake.fail(1, { status: 500, code: 131000, message: 'Something went wrong' })
    fake.fail(1, {
      status: 400,
      code: 131056,
      message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    })
    fake.fail(1, { status: 503, message: 'Service unavailable' })
    for (const text of ['uno', 'due', 'tre']) await chat.reply(text)
    const rows = await untilSettled(chat.conversationId)
    assert.deepEqual(
      rows.map((row) => row.status),
      ['sent', 'sent', 'sent'],
    )
    assert.deepEqual(
      fake.sent.slice(before).map((m) => m.text),
      ['uno', 'due', 'tre'],
    )
    assert.equal(fake.attempts() - attemptsBefore, 7)
    assert.deepEqual(
      rows.map((row) => row.provider_id),
      fake.sent.slice(before).map((m) => m.wamid),
    )
  })

  it('retries a Graph API that does not answer in time', async () => {
    const chat = await conversation({ phone: '393471234571' }, { timeoutMs: 300 })
    const before = fake.sent.length
    fake.fail(1, 'hang')
    await chat.reply('Sei ancora lì?')
    const [row] = await untilSettled(chat.conversationId)
    assert.equal(row?.status, 'sent')
    assert.deepEqual(
      fake.sent.slice(before).map((m) => m.text),
      ['Sei ancora lì?'],
    )
  })

  it('sends a read receipt once when the volunteer reads the conversation, where the helpline wants them', async () => {
    const chat = await openWhatsAppConversation(server, fake, { phone: '393471234580' }, { markAsRead: true })
    const wamid = newWamid()
    await chat.write(whatsappText({ phone: '393471234580' }, 'Ti ho scritto di nuovo', wamid))
    const read = () =>
      call(`${server.url}/api/conversations/${chat.conversationId}/read`, {
        cookie: chat.volunteer.cookie,
        body: {},
      })
    assert.equal((await read()).status, 200)
    await eventually('the read receipt', () => fake.readReceipts.includes(wamid))
    assert.equal((await read()).status, 200)
    const quiet = await openWhatsAppConversation(server, fake, { phone: '393471234581' })
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${quiet.conversationId}/read`, {
          cookie: quiet.volunteer.cookie,
          body: {},
        })
      ).status,
      200,
    )
    // a reply on each line, queued after the reads: once both are at Meta, a receipt the reads
    // queued (a second one, or one where the helpline wants none) would be there before them
    const receipts = fake.readReceipts.length
    await chat.reply('ti ho letto')
    await quiet.reply('ti ho letto anch’io')
    await eventually('both replies at Meta', () =>
      ['ti ho letto', 'ti ho letto anch’io'].every((text) => fake.sent.some((m) => m.text === text)),
    )
    assert.equal(fake.readReceipts.length, receipts)
    assert.deepEqual(
      fake.readReceipts.filter((id) => id === wamid),
      [wamid],
    )
    const pending = await server.pool.query(
      `select count(*)::int as n from outbox where kind = 'send_read_receipt'`,
    )
    assert.equal(pending.rows[0].n, 0)
  })

  it('delivers every reply through failures and time-outs, in order, twice only where an answer was lost', async (t) => {
    const first = await openWhatsAppConversation(server, fake, { phone: '393471234590' }, { timeoutMs: 300 })
    const chats = [
      first,
      await first.another({ phone: '393471234591' }),
      await first.another({ phone: '393471234592' }),
    ]
    const before = fake.sent.length
    // the first sends fail (a throttle, a server error, an outage), one hangs without Meta taking
    // the message, and one is taken by Meta whose answer never arrives
    fake.fail(1, { status: 429, code: 130429, message: '(#130429) Rate limit hit' })
    fake.fail(1, { status: 500, code: 131000, message: 'Something went wrong' })
    fake.fail(1, { status: 503, message: 'Service unavailable' })
    fake.fail(1, 'hang')
    fake.fail(1, 'lose-answer')
    const written = chats.map((_, c) => [1, 2, 3, 4].map((n) => `conversazione ${c} risposta ${n}`))
    await Promise.all(
      chats.map(async (chat, c) => {
        for (const text of written[c] ?? []) await chat.reply(text)
      }),
    )
    for (const chat of chats) {
      const rows = await untilSettled(chat.conversationId)
      assert.deepEqual(
        rows.map((row) => row.status),
        ['sent', 'sent', 'sent', 'sent'],
      )
    }
    const received = fake.sent.slice(before)
    for (const [c, chat] of chats.entries()) {
      const texts = received.filter((m) => m.to === `39347123459${c}`).map((m) => m.text)
      // in the order written; a lost answer shows as the same reply twice in a row, never out of order
      assert.deepEqual([...new Set(texts)], written[c], `conversation ${chat.conversationId}`)
    }
    const twice = received.length - 12
    t.diagnostic(
      `12 replies, ${received.length} sends received by Meta: ${twice} sent twice after a lost answer`,
    )
    assert.equal(twice, 1)
  })
})
