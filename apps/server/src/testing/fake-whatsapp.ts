// A local stand-in for Meta at the network edge, speaking the Cloud API's documented wire format:
// the send endpoint (POST /{version}/{phone-number-id}/messages with a bearer token: texts,
// files, templates and read receipts, answering { messages: [{ id: 'wamid…' }] } or a Graph error
// { error: { code, message, … } }), the media endpoints (GET /{version}/{media-id} for a short-lived
// download URL, then the bytes; POST /{version}/{phone-number-id}/media, a multipart upload), told to fail or hang on demand; and the other direction, webhooks signed with the app secret as Meta signs
// them (X-Hub-Signature-256), posted to Ascolto. Used by the tests, and by the demo later.
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  WHATSAPP_SIGNATURE_HEADER,
  type WhatsAppConnectionInput,
  whatsappConnection,
  whatsappSignature,
} from '@ascolto/channels'
import { connectChannel, type Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import { answerOf } from './answer.ts'

export type SentMessage = {
  wamid: string
  apiVersion: string
  phoneNumberId: string
  /** The phone number (`to`) or the business-scoped user id (`recipient`) it went to. */
  to: string
  /** The text of a text message; empty for a template. */
  text: string
  /** The template's name and language, for a template message. */
  template?: { name: string; language: string }
  /** The file of an image, audio, video or document message (uploaded before); `text` is its caption. */
  media?: { type: string; bytes: Buffer; mimeType: string; filename?: string }
  body: Record<string, unknown>
  /** When it arrived (ms since the epoch): how a test sees the pace kept. */
  at: number
}

type StoredMedia = { bytes: Buffer; mimeType: string; declaredSize?: number }
const MEDIA_TYPES = ['image', 'audio', 'video', 'document']

/** A text (at most 4,096 characters), an approved template, or an uploaded file, as Meta checks them; null: invalid. */
function contentOf(
  body: Record<string, unknown>,
  media: Map<string, StoredMedia>,
): Pick<SentMessage, 'text' | 'template' | 'media'> | null {
  if (body.type === 'text') {
    const text = (body.text as { body?: unknown } | undefined)?.body
    return typeof text === 'string' && text.length > 0 && text.length <= 4096 ? { text } : null
  }
  if (body.type === 'template') {
    const template = body.template as { name?: unknown; language?: { code?: unknown } } | undefined
    const name = template?.name
    const language = template?.language?.code
    return typeof name === 'string' && typeof language === 'string'
      ? { text: '', template: { name, language } }
      : null
  }
  if (typeof body.type === 'string' && MEDIA_TYPES.includes(body.type)) {
    const part = body[body.type] as { id?: unknown; caption?: unknown; filename?: unknown } | undefined
    const file = typeof part?.id === 'string' ? media.get(part.id) : undefined
    if (!file || (body.type === 'audio' && part?.caption !== undefined)) return null
    return {
      text: typeof part?.caption === 'string' ? part.caption : '',
      media: {
        type: body.type,
        bytes: file.bytes,
        mimeType: file.mimeType,
        ...(typeof part?.filename === 'string' ? { filename: part.filename } : {}),
      },
    }
  }
  return null
}

/**
 * What the next request gets instead of success: a Graph error; no answer at all (`hang`); or the
 * message taken and sent, and then no answer (`lose-answer`): the case where a retry sends twice.
 */
export type PlannedFailure = { status: number; code?: number; message?: string } | 'hang' | 'lose-answer'

export type FakeWhatsApp = {
  /** The graph base URL to configure the channel with. */
  url: string
  accessToken: string
  sent: SentMessage[]
  /** The wamids of the person's messages Ascolto marked read, in order. */
  readReceipts: string[]
  /** A file a person sent, kept as Meta keeps it: the id for a webhook's `image.id`/`audio.id`. */
  addMedia: (bytes: Buffer, mimeType: string, options?: { declaredSize?: number }) => string
  /** The files deleted through the API (DELETE /{version}/{media-id}?phone_number_id=…), in order. */
  deletedMedia: string[]
  /** Every send request that reached it, failed ones included. */
  attempts: () => number
  /** The next `times` requests fail this way, then requests succeed again. */
  fail: (times: number, failure: PlannedFailure) => void
  waitForSent: (count: number, ms?: number) => Promise<SentMessage[]>
  /**
   * The next successful send first reports these statuses to Ascolto's webhook, and answers only
   * then: Meta's status webhook outrunning the worker's record of the send, made certain.
   */
  reportBeforeAnswer: (target: WebhookTarget, statuses: ReportedStatus[]) => void
  /** More pages on the same server (the demo's phone): a handler that answers true when it took the request. */
  route: (handler: ExtraRoute) => void
  close: () => Promise<void>
}

export type ExtraRoute = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
) => Promise<boolean>

export type WebhookTarget = { url: string; appSecret: string; phoneNumberId?: string }
type ReportedStatus = 'sent' | 'delivered' | 'read' | 'failed'

const graphError = (code: number, message: string, details?: string) => ({
  error: {
    message,
    type: 'OAuthException',
    code,
    ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
    fbtrace_id: randomBytes(9).toString('base64url'),
  },
})

/**
 * A message id shaped like Meta's: base64 of a small protobuf that holds the number it was sent
 * from or to in clear, then a random id (`wamid.HBgM` + base64 of the number + …). The number is
 * random unless given, so a stored wamid is as personal as the number it wraps.
 */
export function newWamid(phone = `39${randomInt(3_000_000_000, 3_999_999_999)}`) {
  const id = randomBytes(8).toString('hex').toUpperCase()
  const wrapped = Buffer.concat([
    Buffer.of(0x1c, 0x18, phone.length),
    Buffer.from(phone),
    Buffer.of(0x15, 0x02, 0x00, 0x11, 0x18, id.length),
    Buffer.from(id),
    Buffer.of(0x00),
  ])
  return `wamid.${wrapped.toString('base64')}`
}

export async function startFakeWhatsApp(options: { accessToken?: string } = {}): Promise<FakeWhatsApp> {
  const accessToken = options.accessToken ?? `EAAG${randomBytes(24).toString('hex')}`
  const sent: SentMessage[] = []
  const plan: PlannedFailure[] = []
  const early: Array<{ target: WebhookTarget; statuses: ReportedStatus[] }> = []
  const hanging = new Set<ServerResponse>()
  const waiters = new Set<() => void>()
  const media = new Map<string, StoredMedia>()
  const deletedMedia: string[] = []
  let uploads = 0
  const readReceipts: string[] = []
  let attempts = 0
  let port = 0
  let extra: ExtraRoute | undefined

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }

  const bearerOk = (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization === `Bearer ${accessToken}`) return true
    reply(response, 401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'))
    return false
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (extra && (await extra(request, response, Buffer.concat(chunks)))) return
    const url = request.url ?? ''
    const download = /^\/media-download\/([\w.-]+)$/.exec(url)
    if (request.method === 'GET' && download?.[1]) {
      if (!bearerOk(request, response)) return
      const file = media.get(download[1])
      if (!file) return reply(response, 404, graphError(100, 'Media not found'))
      response.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length })
      return response.end(file.bytes)
    }
    const deletion = /^\/(v\d+\.\d+)\/([\w.-]+)\?phone_number_id=\d+$/.exec(url)
    if (request.method === 'DELETE' && deletion?.[2]) {
      if (!bearerOk(request, response)) return
      const failure = plan.shift()
      if (failure === 'hang' || failure === 'lose-answer') return void hanging.add(response)
      if (failure) return reply(response, failure.status, graphError(failure.code ?? failure.status, 'Error'))
      if (!media.delete(deletion[2]))
        return reply(response, 400, graphError(100, 'Unsupported delete request. Object does not exist'))
      deletedMedia.push(deletion[2])
      return reply(response, 200, { success: true })
    }
    const mediaInfo = /^\/(v\d+\.\d+)\/([\w.-]+)$/.exec(url)
    if (request.method === 'GET' && mediaInfo?.[2]) {
      if (!bearerOk(request, response)) return
      const failure = plan.shift()
      if (failure === 'hang' || failure === 'lose-answer') return void hanging.add(response)
      if (failure) return reply(response, failure.status, graphError(failure.code ?? failure.status, 'Error'))
      const file = media.get(mediaInfo[2])
      if (!file)
        return reply(response, 400, graphError(100, 'Unsupported get request. Object does not exist'))
      return reply(response, 200, {
        messaging_product: 'whatsapp',
        url: `http://127.0.0.1:${port}/media-download/${mediaInfo[2]}`,
        mime_type: file.mimeType,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        file_size: String(file.declaredSize ?? file.bytes.length),
        id: mediaInfo[2],
      })
    }
    const upload = /^\/(v\d+\.\d+)\/(\d+)\/media$/.exec(url)
    if (request.method === 'POST' && upload) {
      if (!bearerOk(request, response)) return
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      })
        .formData()
        .catch(() => null)
      const file = form?.get('file')
      if (form?.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob) || !form.get('type')) {
        return reply(
          response,
          400,
          graphError(100, '(#100) Invalid parameter', 'file, type and messaging_product'),
        )
      }
      const id = String(2_000_000_000_000 + ++uploads)
      media.set(id, { bytes: Buffer.from(await file.arrayBuffer()), mimeType: String(form.get('type')) })
      return reply(response, 200, { id })
    }
    const path = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(url)
    if (request.method !== 'POST' || !path?.[1] || !path[2]) {
      return reply(response, 400, graphError(100, 'Unsupported request - method type or path'))
    }
    attempts++
    if (!bearerOk(request, response)) return
    const failure = plan.shift()
    if (failure === 'hang') {
      hanging.add(response)
      return
    }
    if (failure && failure !== 'lose-answer') {
      return reply(
        response,
        failure.status,
        graphError(failure.code ?? failure.status, failure.message ?? 'Error'),
      )
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return reply(response, 400, graphError(100, 'Invalid parameter', 'The request body is not JSON'))
    }
    if (body.messaging_product === 'whatsapp' && body.status === 'read') {
      if (typeof body.message_id !== 'string') {
        return reply(response, 400, graphError(100, '(#100) Invalid parameter', 'message_id is required'))
      }
      readReceipts.push(body.message_id)
      for (const wake of waiters) wake()
      return reply(response, 200, { success: true })
    }
    const content = contentOf(body, media)
    // Meta: with both, `to` (the phone number) wins over `recipient` (the BSUID)
    const to = typeof body.to === 'string' ? body.to : body.recipient
    if (body.messaging_product !== 'whatsapp' || !content || typeof to !== 'string') {
      return reply(response, 400, graphError(100, '(#100) Invalid parameter', 'Invalid message'))
    }
    const wamid = newWamid(body.to ? to : undefined)
    const report = early.shift()
    for (const status of report?.statuses ?? []) {
      const { target } = report ?? {}
      if (!target) break
      const payload = whatsappPayload({
        phoneNumberId: target.phoneNumberId,
        statuses: [whatsappStatus(wamid, status, status === 'failed' ? 131026 : undefined)],
      })
      const answered = await postWhatsAppWebhook(target.url, target.appSecret, payload)
      if (answered.status !== 200) throw new Error(`Ascolto answered ${answered.status} to a status`)
    }
    sent.push({ wamid, apiVersion: path[1], phoneNumberId: path[2], to, ...content, body, at: Date.now() })
    for (const wake of waiters) wake()
    if (failure === 'lose-answer') return void hanging.add(response)
    return reply(response, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, ...(body.to ? { wa_id: to } : { user_id: to }) }],
      messages: [{ id: wamid, message_status: 'accepted' }],
    })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() =>
      reply(response, 500, graphError(2, 'Service temporarily unavailable')),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    sent,
    readReceipts,
    deletedMedia,
    addMedia: (bytes, mimeType, options = {}) => {
      const id = String(1_000_000_000_000 + media.size + Math.floor(Math.random() * 1e9))
      media.set(id, { bytes, mimeType, declaredSize: options.declaredSize })
      return id
    },
    attempts: () => attempts,
    fail: (times, failure) => {
      for (let i = 0; i < times; i++) plan.push(failure)
    },
    waitForSent: (count, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (sent.length < count) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(sent.slice(0, count))
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`the fake Cloud API got ${sent.length} of ${count} messages within ${ms} ms`))
        }, ms)
        waiters.add(check)
        check()
      }),
    reportBeforeAnswer: (target, statuses) => {
      early.push({ target, statuses })
    },
    route: (handler) => {
      extra = handler
    },
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Posts a webhook to Ascolto as Meta does: signed with the app secret, unless told otherwise. */
export async function postWhatsAppWebhook(
  url: string,
  appSecret: string,
  payload: unknown,
  options: { signature?: string | null } = {},
) {
  const body = Buffer.isBuffer(payload)
    ? payload
    : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload))
  const signature = options.signature === undefined ? whatsappSignature(appSecret, body) : options.signature
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { [WHATSAPP_SIGNATURE_HEADER]: signature }),
    },
    body: new Uint8Array(body),
  })
  return answerOf(response)
}

const PHONE_NUMBER_ID = '109876543210123'

/** A Meta webhook payload with these messages and statuses, for the given number. */
export function whatsappPayload(input: {
  phoneNumberId?: string
  messages?: Array<Record<string, unknown>>
  statuses?: Array<Record<string, unknown>>
}) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '204060810121416',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '390212345678',
                phone_number_id: input.phoneNumberId ?? PHONE_NUMBER_ID,
              },
              ...(input.messages ? { messages: input.messages } : {}),
              ...(input.statuses ? { statuses: input.statuses } : {}),
            },
          },
        ],
      },
    ],
  }
}

/** A text from a person, as it appears in `messages`. */
export function whatsappText(
  from: { phone?: string; userId?: string },
  text: string,
  id = newWamid(from.phone),
) {
  return {
    ...(from.phone ? { from: from.phone } : {}),
    ...(from.userId ? { from_user_id: from.userId } : {}),
    id,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: 'text',
    text: { body: text },
  }
}

/** A status report on an outbound message, as it appears in `statuses`. */
export function whatsappStatus(
  wamid: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  errorCode?: number,
) {
  return {
    id: wamid,
    status,
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: '393471234567',
    ...(errorCode ? { errors: [{ code: errorCode, title: 'Error', message: 'Error' }] } : {}),
  }
}

/** A WhatsApp channel of the helpline whose Graph API is the fake: what a test needs to talk to it. */
export async function connectFakeWhatsApp(
  server: { pool: Pool; services: Services; url: string },
  fake: FakeWhatsApp,
  input: {
    helplineId: string
    phoneNumberId?: string
    timeoutMs?: number
  } & Pick<WhatsAppConnectionInput, 'template' | 'markAsRead' | 'maxPerSecond'>,
) {
  const { config, secrets } = whatsappConnection({
    phoneNumberId: input.phoneNumberId ?? PHONE_NUMBER_ID,
    accessToken: fake.accessToken,
    appSecret: randomBytes(16).toString('hex'),
    verifyToken: randomBytes(12).toString('base64url'),
    graphBaseUrl: fake.url,
    template: input.template,
    markAsRead: input.markAsRead,
    maxPerSecond: input.maxPerSecond,
  })
  const { id } = await connectChannel(server.pool, server.services.keyring, {
    helplineId: input.helplineId,
    kind: 'whatsapp',
    name: 'WhatsApp',
    config: { ...config, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) },
    secrets,
  })
  return {
    channelId: id,
    appSecret: secrets.appSecret,
    verifyToken: secrets.verifyToken,
    webhookUrl: `${server.url}/webhooks/whatsapp/${id}`,
  }
}
