// A local stand-in for Telegram's Bot API at the network edge, speaking its documented wire
// format: POST /bot<token>/<method> with a JSON body (getMe, setWebhook, sendMessage, getFile),
// answering { ok: true, result } or { ok: false, error_code, description, parameters }, and files
// at /file/bot<token>/<path>; told to fail (429 with retry_after, 403, 500) or hang on demand. The
// other direction: updates posted to Ascolto's webhook with the secret token, as Telegram does.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TELEGRAM_SECRET_HEADER, telegramConnection } from '@ascolto/channels'
import { connectChannel, type Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import { answerOf } from './answer.ts'
import { listWaiter } from './replies-settled.ts'

export type SentTelegram = {
  chatId: string
  messageId: number
  text: string
  body: Record<string, unknown>
  /** When it reached the fake (ms). */
  at: number
}
export type WebhookSet = { url: string; secretToken: string | null; allowedUpdates: unknown }

/** What the next call gets instead of success: a Bot API error, or no answer at all. */
export type PlannedFailure = { status: number; description?: string; retryAfter?: number } | 'hang'

export type FakeTelegram = {
  url: string
  botToken: string
  botId: number
  sent: SentTelegram[]
  webhooks: WebhookSet[]
  /** sendMessage calls that reached it, failed ones included. */
  attempts: () => number
  fail: (times: number, failure: PlannedFailure) => void
  waitForSent: (count: number, ms?: number) => Promise<SentTelegram[]>
  /** Messages deleted through deleteMessages, as `<chat id>/<message id>`, in order. */
  deleted: string[]
  /** A file Telegram holds for the bot: its file_id. */
  addFile: (bytes: Buffer) => string
  close: () => Promise<void>
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const botId = 7_000_000_000 + (randomBytes(3).readUIntBE(0, 3) % 1_000_000)
  const botToken = `${botId}:AA${randomBytes(24).toString('base64url').slice(0, 33)}`
  const sent: SentTelegram[] = []
  const sentWaiter = listWaiter(sent, 'the fake Bot API got messages')
  const webhooks: WebhookSet[] = []
  const plan: PlannedFailure[] = []
  const files = new Map<string, { path: string; bytes: Buffer }>()
  const hanging = new Set<ServerResponse>()
  let attempts = 0
  let nextMessageId = 100
  const deleted: string[] = []

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  const error = (response: ServerResponse, status: number, description: string, retryAfter?: number) =>
    reply(response, status, {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}),
    })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const url = request.url ?? ''
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url)
    if (download) {
      const found = [...files.values()].find((f) => f.path === download[2])
      if (download[1] !== botToken || !found) return error(response, 404, 'Not Found')
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': found.bytes.length,
      })
      return response.end(found.bytes)
    }
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url)
    if (!call) return error(response, 404, 'Not Found')
    if (call[1] !== botToken) return error(response, 401, 'Unauthorized')
    const method = call[2]
    let body: Record<string, unknown> = {}
    const raw = Buffer.concat(chunks).toString('utf8')
    if (raw) {
      try {
        body = JSON.parse(raw)
      } catch {
        return error(response, 400, 'Bad Request: invalid JSON')
      }
    }
    if (method === 'getMe') {
      return reply(response, 200, {
        ok: true,
        result: {
          id: botId,
          is_bot: true,
          first_name: 'Ascolto',
          username: 'ascolto_test_bot',
          can_join_groups: false,
        },
      })
    }
    if (method === 'setWebhook') {
      if (typeof body.url !== 'string' || !body.url.startsWith('https://')) {
        return error(response, 400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook')
      }
      webhooks.push({
        url: body.url,
        secretToken: typeof body.secret_token === 'string' ? body.secret_token : null,
        allowedUpdates: body.allowed_updates,
      })
      return reply(response, 200, { ok: true, result: true, description: 'Webhook was set' })
    }
    if (method === 'getFile') {
      const found = files.get(String(body.file_id))
      if (!found) return error(response, 400, 'Bad Request: invalid file_id')
      return reply(response, 200, {
        ok: true,
        result: {
          file_id: body.file_id,
          file_unique_id: 'u',
          file_size: found.bytes.length,
          file_path: found.path,
        },
      })
    }
    if (method === 'deleteMessages') {
      const ids = body.message_ids
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
        return error(response, 400, 'Bad Request: message identifiers are not specified')
      }
      for (const id of ids) deleted.push(`${body.chat_id}/${id}`)
      return reply(response, 200, { ok: true, result: true })
    }
    if (method !== 'sendMessage') return error(response, 404, 'Not Found: method not found')
    attempts++
    const failure = plan.shift()
    if (failure === 'hang') {
      hanging.add(response)
      return
    }
    if (failure) return error(response, failure.status, failure.description ?? 'Error', failure.retryAfter)
    const chatId = body.chat_id
    const text = body.text
    if ((typeof chatId !== 'string' && typeof chatId !== 'number') || String(chatId).length === 0) {
      return error(response, 400, 'Bad Request: chat not found')
    }
    if (typeof text !== 'string' || text.length === 0)
      return error(response, 400, 'Bad Request: message text is empty')
    if (text.length > 4096) return error(response, 400, 'Bad Request: message is too long')
    const messageId = nextMessageId++
    sent.push({ chatId: String(chatId), messageId, text, body, at: Date.now() })
    sentWaiter.wake()
    return reply(response, 200, {
      ok: true,
      result: {
        message_id: messageId,
        from: { id: botId, is_bot: true, first_name: 'Ascolto', username: 'ascolto_test_bot' },
        chat: { id: Number(chatId), type: 'private', first_name: 'Persona' },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => error(response, 500, 'Internal Server Error'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    botToken,
    botId,
    sent,
    webhooks,
    deleted,
    attempts: () => attempts,
    fail: (times, failure) => {
      for (let i = 0; i < times; i++) plan.push(failure)
    },
    waitForSent: sentWaiter.waitFor,
    addFile: (bytes) => {
      const id = `AgAC${randomBytes(24).toString('base64url')}`
      files.set(id, { path: `voice/file_${files.size}.oga`, bytes })
      return id
    },
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Posts an update as Telegram does: JSON, with the secret token unless told otherwise. */
export async function postTelegramWebhook(
  url: string,
  secretToken: string,
  update: unknown,
  options: { secret?: string | null } = {},
) {
  const secret = options.secret === undefined ? secretToken : options.secret
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { [TELEGRAM_SECRET_HEADER]: secret }),
    },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  })
  return answerOf(response)
}

let updateId = 500_000_000

/** An Update with a private chat's message, as Telegram posts it. */
export function telegramUpdate(
  chatId: number,
  content: Record<string, unknown>,
  messageId = updateId % 100_000,
) {
  return {
    update_id: updateId++,
    message: {
      message_id: messageId,
      from: { id: chatId, is_bot: false, first_name: 'Giulia', language_code: 'it' },
      chat: { id: chatId, first_name: 'Giulia', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      ...content,
    },
  }
}

/** A Telegram channel of the helpline whose Bot API is the fake. */
export async function connectFakeTelegram(
  server: { pool: Pool; services: Services; url: string },
  fake: FakeTelegram,
  input: { helplineId: string; timeoutMs?: number },
) {
  const { config, secrets } = telegramConnection({ botToken: fake.botToken, apiBaseUrl: fake.url })
  const { id } = await connectChannel(server.pool, server.services.keyring, {
    helplineId: input.helplineId,
    kind: 'telegram',
    name: 'Telegram',
    config: { ...config, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) },
    secrets,
  })
  return { channelId: id, secret: secrets.webhookSecret, webhookUrl: `${server.url}/webhooks/telegram/${id}` }
}
