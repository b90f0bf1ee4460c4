// Telegram's documented updates (fixtures/) to normalized events, the secret-token header checked
// in constant time, and what a helpline does not take (groups, edits, bots) acknowledged.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { GrammyError } from 'grammy'
import { ChannelConfigError, type ChannelConnection, WebhookPayloadError } from '../kit/contract.ts'
import { telegramAdapter } from './adapter.ts'
import { telegramConnection } from './config.ts'
import { parseTelegramWebhook } from './parse-webhook.ts'
import { sendErrorOf } from './send.ts'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`))
const parse = (name: string) => parseTelegramWebhook(fixture(name))
const { config, secrets } = telegramConnection({ botToken: `7123456789:AA${'x'.repeat(33)}` })
const connection: ChannelConnection = { id: 'c', helplineId: 'h', config, secrets }

describe('Telegram webhook parsing', () => {
  it('a text in a private chat: the chat is the address, chat/message the id', () => {
    assert.deepEqual(parse('text').messages, [
      {
        providerMessageId: '123456789/41',
        from: '123456789',
        receivedAt: new Date(1796149800 * 1000),
        kind: 'text',
        text: 'Ciao, ho bisogno di parlare con qualcuno',
      },
    ])
  })

  it('a photo keeps the largest size’s file_id and its caption; a voice note is audio, voice', () => {
    const [photo] = parse('photo').messages
    assert.equal(photo?.kind, 'image')
    assert.equal(photo?.text, '📷 Questo è il biglietto')
    assert.deepEqual(photo?.media, {
      providerMediaId: 'AgACAgQAAxkBAAMqZ1large',
      mimeType: 'image/jpeg',
      sha256: null,
    })
    const [voice] = parse('voice').messages
    assert.deepEqual(
      [voice?.kind, voice?.text, voice?.media?.voice, voice?.media?.mimeType],
      ['audio', '', true, 'audio/ogg'],
    )
  })

  it('a document, a place, a reply', () => {
    assert.equal(parse('document').messages[0]?.text, '📄 referto.pdf')
    assert.equal(parse('location').messages[0]?.text, '📍 45.464203,9.189982')
    assert.equal(parse('reply').messages[0]?.replyTo, '123456789/44')
  })

  it('groups, edits, bots: acknowledged, not taken; a service message is unsupported', () => {
    for (const [name, reason] of [
      ['group', 'supergroup chat'],
      ['edited', 'update edited_message'],
      ['from-bot', 'a bot'],
    ] as const) {
      const events = parse(name)
      assert.deepEqual([events.messages, events.ignored], [[], [reason]], name)
    }
    assert.equal(parse('pinned').messages[0]?.kind, 'unsupported')
  })

  it('a body that is not an update is a payload error', () => {
    assert.throws(() => parseTelegramWebhook(Buffer.from('nope')), WebhookPayloadError)
    assert.throws(() => parseTelegramWebhook(Buffer.from('{"message":{}}')), /update_id/)
    assert.throws(
      () => parseTelegramWebhook(Buffer.from('{"update_id":1,"message":{"text":"x"}}')),
      WebhookPayloadError,
    )
  })
})

describe('Telegram secret token', () => {
  const verify = (headers: Record<string, string>) =>
    telegramAdapter.webhook.verify({ headers, rawBody: fixture('text') }, connection)
  it('accepts the secret given to setWebhook, refuses none or another', () => {
    assert.equal(verify({ 'x-telegram-bot-api-secret-token': secrets.webhookSecret }), true)
    assert.equal(verify({}), false)
    assert.equal(verify({ 'x-telegram-bot-api-secret-token': `${secrets.webhookSecret}x` }), false)
  })
})

describe('Telegram send errors and settings', () => {
  const grammy = (code: number, description: string, retryAfter?: number) =>
    new GrammyError(
      'x',
      {
        ok: false,
        error_code: code,
        description,
        ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}),
      },
      'sendMessage',
      {},
    )
  for (const [name, error, code, retryable] of [
    ['too many requests, retry_after', grammy(429, 'Too Many Requests: retry after 3', 3), '429', true],
    ['server error', grammy(500, 'Internal Server Error'), '500', true],
    ['revoked token: waits for an administrator', grammy(401, 'Unauthorized'), '401', true],
    ['blocked by the person', grammy(403, 'Forbidden: bot was blocked by the user'), '403', false],
    ['chat not found', grammy(400, 'Bad Request: chat not found'), '400', false],
  ] as const) {
    it(`${name}: ${code}, ${retryable ? 'retried' : 'final'}`, () => {
      const mapped = sendErrorOf(error)
      assert.deepEqual([mapped.code, mapped.retryable], [code, retryable])
    })
  }

  it('a token that is not BotFather’s is named, with the other problems', () => {
    assert.throws(
      () => telegramConnection({ botToken: '12:short', apiBaseUrl: 'ftp://x' }),
      (error: unknown) => error instanceof ChannelConfigError && error.problems.length === 2,
    )
  })
})
