// Telegram → Ascolto and back, for real: updates with the secret token stored once however often
// Telegram retries them, refused without it; a voice note fetched by the worker from the fake Bot
// API and sealed; replies through the real worker with grammy's client; 429 with retry_after and
// 500 retried, a hang abandoned and retried, a bot blocked by the person (403) failed at once.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sendTelegramText, telegramConnection } from '@ascolto/channels'
import {
  connectFakeTelegram,
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../../testing/fake-telegram.ts'
import { repliesSettled } from '../../testing/replies-settled.ts'
import { openMessageProviderId, openMessageText, openProviderIds } from '../../testing/sealed.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

describe('Telegram: Telegram to Ascolto and back', () => {
  let server: TestServer
  let fake: FakeTelegram
  before(async () => {
    server = await startTestServer()
    fake = await startFakeTelegram()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  const chatId = () => 100_000_000 + (randomBytes(3).readUIntBE(0, 3) % 900_000_000)

  async function door(options: { timeoutMs?: number } = {}) {
    const { helplineId } = await makeHelpline(server.pool)
    return { helplineId, ...(await connectFakeTelegram(server, fake, { helplineId, ...options })) }
  }

  const stored = async (channelId: string) =>
    (
      await server.pool.query(
        `select id, helpline_id, kind, body_sealed, media, provider_message_id, direction, status, error_code
           from message where channel_id = $1 order by seq`,
        [channelId],
      )
    ).rows

  async function conversation(options: { timeoutMs?: number } = {}) {
    const channel = await door(options)
    const chat = chatId()
    const written = await postTelegramWebhook(
      channel.webhookUrl,
      channel.secret,
      telegramUpdate(chat, { text: 'Ciao' }),
    )
    assert.equal(written.status, 200)
    const volunteer = await makeOperator(server, [{ helplineId: channel.helplineId, role: 'volunteer' }])
    const queue = await call(
      `${server.url}/api/conversations?status=waiting&helplineId=${channel.helplineId}`,
      {
        cookie: volunteer.cookie,
      },
    )
    const conversationId: string = queue.body.conversations[0].id
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${conversationId}/take`, {
          cookie: volunteer.cookie,
          body: {},
        })
      ).status,
      200,
    )
    const reply = async (text: string) => {
      const answer = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
        cookie: volunteer.cookie,
        body: { text },
      })
      assert.equal(answer.status, 201)
    }
    return { ...channel, chat, conversationId, reply }
  }

  it('stores a message once, however often Telegram retries the update', async () => {
    const { channelId, webhookUrl, secret } = await door()
    const update = telegramUpdate(chatId(), { text: 'Buonasera, posso scrivere qui?' })
    for (let i = 0; i < 3; i++) {
      const answer = await postTelegramWebhook(webhookUrl, secret, update)
      assert.deepEqual([answer.status, answer.body], [200, { received: true }])
    }
    const rows = await stored(channelId)
    assert.equal(rows.length, 1)
    assert.equal(
      await openMessageProviderId(server, rows[0].id),
      `${update.message.chat.id}/${update.message.message_id}`,
    )
    assert.equal(await openMessageText(server, rows[0].id), 'Buonasera, posso scrivere qui?')
  })

  it('refuses an update without the secret token, or with another: 401, nothing stored; not an update: 400', async () => {
    const { channelId, webhookUrl, secret } = await door()
    const update = telegramUpdate(chatId(), { text: 'x' })
    assert.equal((await postTelegramWebhook(webhookUrl, secret, update, { secret: null })).status, 401)
    assert.equal(
      (await postTelegramWebhook(webhookUrl, secret, update, { secret: `${secret}0` })).status,
      401,
    )
    const malformed = await postTelegramWebhook(webhookUrl, secret, '{"message": {"text": "x"}}')
    assert.equal(malformed.status, 400)
    assert.match(malformed.body.message, /update_id/)
    assert.equal((await stored(channelId)).length, 0)
  })

  it('a group message is acknowledged and not taken', async () => {
    const { channelId, webhookUrl, secret } = await door()
    const group = telegramUpdate(chatId(), { text: 'ciao' })
    const answer = await postTelegramWebhook(webhookUrl, secret, {
      ...group,
      message: { ...group.message, chat: { id: -1001234567890, title: 'Gruppo', type: 'supergroup' } },
    })
    assert.equal(answer.status, 200)
    assert.equal((await stored(channelId)).length, 0)
  })

  it('a voice note: its file_id kept, the file fetched by the worker and sealed', async () => {
    const { channelId, webhookUrl, secret } = await door()
    const bytes = Buffer.concat([Buffer.from('OggS'), randomBytes(1024)])
    const fileId = fake.addFile(bytes)
    const voice = {
      duration: 2,
      mime_type: 'audio/ogg',
      file_id: fileId,
      file_unique_id: 'u1',
      file_size: bytes.length,
    }
    assert.equal(
      (await postTelegramWebhook(webhookUrl, secret, telegramUpdate(chatId(), { voice }))).status,
      200,
    )
    const [row] = await stored(channelId)
    assert.deepEqual([row.kind, row.media.providerMediaId, row.media.voice], ['audio', fileId, true])
    const deadline = Date.now() + 15_000
    let file: { mime_type: string; sealed: Buffer } | undefined
    while (!file && Date.now() < deadline) {
      file = (
        await server.pool.query('select mime_type, sealed from media_file where message_id = $1', [row.id])
      ).rows[0]
      if (!file) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.ok(file, 'the voice note was stored')
    assert.equal(file.mime_type, 'audio/ogg')
    assert.equal(file.sealed.includes(bytes.subarray(4, 64)), false)
  })

  it('delivers a reply with sendMessage to the chat', async () => {
    const chat = await conversation()
    const before = fake.sent.length
    await chat.reply('Ciao, sono qui. Ti ascolto.')
    const [sent] = await repliesSettled(server, chat.conversationId)
    const request = fake.sent[before]
    assert.deepEqual([request?.chatId, request?.text], [String(chat.chat), 'Ciao, sono qui. Ti ascolto.'])
    assert.deepEqual([sent?.status, sent?.provider_id], ['sent', `${chat.chat}/${request?.messageId}`])
  })

  it("erasing the person deletes the chat's messages at Telegram too, both ways", async () => {
    const chat = await conversation()
    await chat.reply('Ciao, sono qui.')
    const [reply] = await repliesSettled(server, chat.conversationId)
    const [inbound] = await openProviderIds(server.pool, server.services.keyring, {
      channelId: chat.channelId,
      direction: 'inbound',
    })
    const coordinator = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${chat.conversationId}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'richiesta della persona' },
    })
    assert.equal(erased.status, 200)
    const expected = [inbound, reply?.provider_id].sort()
    const deadline = Date.now() + 15_000
    while (!expected.every((id) => fake.deleted.includes(String(id)))) {
      assert.ok(Date.now() < deadline, `deleted at Telegram: ${fake.deleted.join(', ')}`)
      server.services.publisher.outboxChanged()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })

  it('a short retry_after is waited for inside the send; a long one is left to the outbox', async () => {
    const { config, secrets } = telegramConnection({ botToken: fake.botToken, apiBaseUrl: fake.url })
    fake.fail(1, { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 })
    const sent = await sendTelegramText(config, secrets.botToken, '555000111', 'Dopo una breve attesa')
    assert.match(sent.providerMessageId, /^555000111\/\d+$/)
    fake.fail(1, { status: 429, description: 'Too Many Requests: retry after 30', retryAfter: 30 })
    await assert.rejects(
      sendTelegramText(config, secrets.botToken, '555000111', 'Più tardi'),
      (error: unknown) => {
        const failure = error as { code?: string; retryable?: boolean }
        return failure.code === '429' && failure.retryable === true
      },
    )
  })

  it('retries 429 (retry_after), 500 and a hang; fails at once when the person blocked the bot', async () => {
    const chat = await conversation({ timeoutMs: 1000 })
    const attempts = fake.attempts()
    fake.fail(1, { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 })
    fake.fail(1, { status: 500, description: 'Internal Server Error' })
    fake.fail(1, 'hang')
    await chat.reply('Ci sono')
    const [sent] = await repliesSettled(server, chat.conversationId)
    assert.equal(sent?.status, 'sent')
    assert.equal(fake.attempts() - attempts, 4)

    fake.fail(1, { status: 403, description: 'Forbidden: bot was blocked by the user' })
    await chat.reply('Non arriverà')
    const [, refused] = await repliesSettled(server, chat.conversationId)
    assert.deepEqual([refused?.status, refused?.error_code], ['failed', '403'])
    assert.equal(fake.attempts() - attempts, 5)
  })
})
