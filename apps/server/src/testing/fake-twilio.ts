// A local stand-in for Twilio at the network edge, speaking its documented wire format: the
// Messages resource (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, a form, basic auth,
// answering 201 with the message resource or an error { code, message, more_info, status }),
// recordings (GET …/Recordings/{RecordingSid}.mp3) and MMS media, told to fail or hang on demand;
// and the other direction, webhooks signed as Twilio signs them (X-Twilio-Signature over the
// public URL and the form), posted to Ascolto. Used by the tests, and by the demo.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TWILIO_SIGNATURE_HEADER, twilioConnection, twilioSignature } from '@ascolto/channels'
import { connectChannel, type Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import { listWaiter } from './replies-settled.ts'

export const twilioSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`

export type SentSms = {
  sid: string
  to: string
  from: string
  body: string
  statusCallback: string | null
  /** When it reached the fake (ms). */
  at: number
}

/** What the next request gets instead of success: a Twilio error, or no answer at all. */
export type PlannedFailure = { status: number; code?: number; message?: string } | 'hang'

export type FakeTwilio = {
  /** The API base URL to configure the channel with. */
  url: string
  accountSid: string
  authToken: string
  sent: SentSms[]
  /** Every request to the Messages resource that reached it, failed ones included. */
  attempts: () => number
  /** The next `times` requests (sends and downloads) fail this way, then succeed again. */
  fail: (times: number, failure: PlannedFailure) => void
  waitForSent: (count: number, ms?: number) => Promise<SentSms[]>
  /** A recording Twilio holds, downloadable as …/Recordings/{sid}.mp3. */
  addRecording: (recordingSid: string, bytes: Buffer) => void
  /** Downloads of recordings and media that reached it. */
  downloads: () => number
  /** The resources deleted through the API ('Messages/SM…', 'Recordings/RE…', 'Calls/CA…'), in order. */
  deleted: string[]
  /**
   * Serves more of the account's API (the calls' conferences, fake-twilio-conference.ts): each
   * handler gets the authorised requests under /2010-04-01/Accounts/{AccountSid}/ that nothing
   * before it answered, and answers (status and JSON) or passes (undefined).
   */
  use: (handler: ApiHandler) => void
  close: () => Promise<void>
}

export type ApiHandler = (request: {
  method: string
  /** after /2010-04-01/Accounts/{AccountSid}/ */
  path: string
  form: Record<string, string>
}) => { status: number; body?: unknown } | undefined

const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
})

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = twilioSid('AC')
  const authToken = randomBytes(16).toString('hex')
  const sent: SentSms[] = []
  const sentWaiter = listWaiter(sent, 'the fake Twilio got messages')
  const plan: PlannedFailure[] = []
  const recordings = new Map<string, Buffer>()
  const hanging = new Set<ServerResponse>()
  let attempts = 0
  let downloads = 0
  const deleted: string[] = []
  const handlers: ApiHandler[] = []

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  const authorised = (request: IncomingMessage) =>
    request.headers.authorization === `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`

  /** A planned failure, answered; true when the request was failed or left hanging. */
  function failed(response: ServerResponse) {
    const failure = plan.shift()
    if (failure === 'hang') {
      hanging.add(response)
      return true
    }
    if (failure) {
      reply(
        response,
        failure.status,
        twilioError(failure.status, failure.code ?? failure.status, failure.message ?? 'Error'),
      )
      return true
    }
    return false
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const account = `/2010-04-01/Accounts/${accountSid}`
    const url = request.url ?? ''
    const recording = new RegExp(`^${account}/Recordings/(RE[0-9a-f]{32})\\.mp3$`).exec(url)
    if (request.method === 'GET' && recording?.[1]) {
      downloads++
      if (!authorised(request)) return reply(response, 401, twilioError(401, 20003, 'Authenticate'))
      if (failed(response)) return
      const bytes = recordings.get(recording[1])
      if (!bytes) return reply(response, 404, twilioError(404, 20404, 'The requested resource was not found'))
      response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': bytes.length })
      return response.end(bytes)
    }
    // DELETE …/Messages/{Sid}.json, …/Recordings/{Sid}.json, …/Calls/{Sid}.json: 204
    const erasable = new RegExp(
      `^${account}/((?:Messages|Recordings|Calls)/(?:SM|MM|RE|CA)[0-9a-f]{32})\\.json$`,
    ).exec(url)
    if (request.method === 'DELETE' && erasable?.[1]) {
      if (!authorised(request)) return reply(response, 401, twilioError(401, 20003, 'Authenticate'))
      if (failed(response)) return
      deleted.push(erasable[1])
      response.writeHead(204)
      return response.end()
    }
    // the API served by extensions (fake-twilio-conference.ts); without one, as before: 404
    if (handlers.length > 0 && url.startsWith(`${account}/`) && url !== `${account}/Messages.json`) {
      if (!authorised(request)) return reply(response, 401, twilioError(401, 20003, 'Authenticate'))
      if (failed(response)) return
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      const path = url.slice(account.length + 1)
      for (const handler of handlers) {
        const answer = handler({ method: request.method ?? '', path, form })
        if (!answer) continue
        if (answer.body === undefined) {
          response.writeHead(answer.status)
          return response.end()
        }
        return reply(response, answer.status, answer.body)
      }
    }
    if (request.method !== 'POST' || url !== `${account}/Messages.json`) {
      return reply(response, 404, twilioError(404, 20404, 'The requested resource was not found'))
    }
    attempts++
    if (!authorised(request)) return reply(response, 401, twilioError(401, 20003, 'Authenticate'))
    if (failed(response)) return
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
    const to = form.get('To')
    const from = form.get('From')
    const body = form.get('Body')
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) {
      return reply(response, 400, twilioError(400, 21211, `Invalid 'To' Phone Number: ${to ?? ''}`))
    }
    if (!from) return reply(response, 400, twilioError(400, 21603, "A 'From' phone number is required."))
    if (!body) return reply(response, 400, twilioError(400, 21602, 'Message body is required.'))
    if (body.length > 1600) {
      return reply(
        response,
        400,
        twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'),
      )
    }
    const sid = twilioSid('SM')
    sent.push({ sid, to, from, body, statusCallback: form.get('StatusCallback'), at: Date.now() })
    sentWaiter.wake()
    const now = new Date().toUTCString()
    return reply(response, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: String(Math.ceil(body.length / 153)),
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `${account}/Messages/${sid}/Media.json` },
      to,
      uri: `${account}/Messages/${sid}.json`,
    })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() =>
      reply(response, 500, twilioError(500, 20500, 'Internal Server Error')),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    sent,
    attempts: () => attempts,
    downloads: () => downloads,
    deleted,
    use: (handler) => {
      handlers.push(handler)
    },
    fail: (times, failure) => {
      for (let i = 0; i < times; i++) plan.push(failure)
    },
    waitForSent: sentWaiter.waitFor,
    addRecording: (recordingSid, bytes) => {
      recordings.set(recordingSid, bytes)
    },
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Where a channel's webhooks go: the real address, and the public one Twilio signs. */
export type TwilioTarget = { url: string; publicUrl: string; authToken: string }

/** Posts a webhook as Twilio does: a form, signed over the public URL, unless told otherwise. */
export async function postTwilioWebhook(
  target: TwilioTarget,
  params: Record<string, string>,
  options: { signature?: string | null } = {},
) {
  const signature =
    options.signature === undefined
      ? twilioSignature(target.authToken, target.publicUrl, params)
      : options.signature
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      ...(signature === null ? {} : { [TWILIO_SIGNATURE_HEADER]: signature }),
    },
    body: new URLSearchParams(params).toString(),
  })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  }
}

export const TWILIO_NUMBER = '+390212345678'

const common = (accountSid: string) => ({ AccountSid: accountSid, ApiVersion: '2010-04-01' })

/** An SMS from a person, as Twilio posts it to the number's messaging webhook. */
export function twilioSms(
  accountSid: string,
  from: string,
  body: string,
  options: { sid?: string; media?: Array<{ contentType: string }>; optOutType?: string } = {},
) {
  const sid = options.sid ?? twilioSid(options.media?.length ? 'MM' : 'SM')
  const params: Record<string, string> = {
    ToCountry: 'IT',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: String(options.media?.length ?? 0),
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: body,
    FromCountry: 'IT',
    To: TWILIO_NUMBER,
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    From: from,
    ...common(accountSid),
  }
  options.media?.forEach((file, i) => {
    params[`MediaContentType${i}`] = file.contentType
    params[`MediaUrl${i}`] =
      `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media/${twilioSid('ME')}`
  })
  if (options.optOutType) params.OptOutType = options.optOutType
  return params
}

/** A status callback on a reply, as Twilio posts it to the StatusCallback URL. */
export function twilioStatus(accountSid: string, sid: string, status: string, errorCode?: number) {
  return {
    SmsSid: sid,
    SmsStatus: status,
    MessageStatus: status,
    To: '+393471234567',
    MessageSid: sid,
    From: TWILIO_NUMBER,
    ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
    ...common(accountSid),
  }
}

/** A call ringing, as Twilio posts it to the number's voice webhook. */
export function twilioCall(accountSid: string, from: string, callSid = twilioSid('CA')) {
  return {
    Called: TWILIO_NUMBER,
    ToState: '',
    CallerCountry: 'IT',
    Direction: 'inbound',
    CallerState: '',
    ToZip: '',
    CallSid: callSid,
    To: TWILIO_NUMBER,
    CallerZip: '',
    ToCountry: 'IT',
    CallToken: '',
    CalledZip: '',
    CalledCity: '',
    CallStatus: 'ringing',
    From: from,
    CalledCountry: 'IT',
    CallerCity: '',
    Caller: from,
    FromCountry: 'IT',
    ToCity: '',
    FromCity: '',
    CalledState: '',
    FromZip: '',
    FromState: '',
    ...common(accountSid),
  }
}

/** <Record>'s action request once the caller finished (or hung up): the call's parameters and the recording's. */
export function twilioRecorded(
  accountSid: string,
  from: string,
  callSid: string,
  recordingSid = twilioSid('RE'),
) {
  return {
    ...twilioCall(accountSid, from, callSid),
    CallStatus: 'completed',
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    RecordingDuration: '14',
    RecordingSid: recordingSid,
    Digits: 'hangup',
  }
}

/** A recording's status callback (recordingStatusCallback). */
export function twilioRecordingStatus(accountSid: string, callSid: string, recordingSid: string) {
  return {
    AccountSid: accountSid,
    CallSid: callSid,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    RecordingStatus: 'completed',
    RecordingDuration: '14',
    RecordingChannels: '1',
    RecordingStartTime: new Date().toUTCString(),
    RecordingSource: 'RecordVerb',
    RecordingTrack: 'both',
  }
}

/** A transcription (transcribeCallback): the call's parameters and the text. */
export function twilioTranscription(
  accountSid: string,
  from: string,
  callSid: string,
  recordingSid: string,
  text: string,
) {
  return {
    ...twilioCall(accountSid, from, callSid),
    CallStatus: 'completed',
    TranscriptionSid: twilioSid('TR'),
    TranscriptionText: text,
    TranscriptionStatus: 'completed',
    TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}/Transcriptions`,
    TranscriptionType: 'fast',
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    url: '',
  }
}

/** A Twilio channel of the helpline whose API is the fake: what a test needs to talk to it. */
export async function connectFakeTwilio(
  server: { pool: Pool; services: Services; url: string; publicUrl: string },
  fake: FakeTwilio,
  input: { helplineId: string; forwardTo?: string; timeoutMs?: number },
) {
  const { config, secrets } = twilioConnection({
    accountSid: fake.accountSid,
    phoneNumber: TWILIO_NUMBER,
    authToken: fake.authToken,
    apiBaseUrl: fake.url,
    publicUrl: server.publicUrl,
    forwardTo: input.forwardTo ?? null,
  })
  const { id } = await connectChannel(server.pool, server.services.keyring, {
    helplineId: input.helplineId,
    kind: 'twilio',
    name: 'Telefono e SMS',
    config: { ...config, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) },
    secrets,
  })
  const path = `/webhooks/twilio/${id}`
  return {
    channelId: id,
    target: {
      url: `${server.url}${path}`,
      publicUrl: `${server.publicUrl}${path}`,
      authToken: fake.authToken,
    },
  }
}

/**
 * An MP3 of silence, as a recording Twilio serves: MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz,
 * mono) whose side information and main data are all zero, which every decoder plays as silence.
 */
export function silentMp3(seconds: number): Buffer {
  const frameBytes = Math.floor((144 * 128_000) / 44_100)
  const frames = Math.ceil((seconds * 44_100) / 1152)
  const frame = Buffer.alloc(frameBytes)
  frame.set([0xff, 0xfb, 0x90, 0xc0])
  return Buffer.concat(Array.from({ length: frames }, () => frame))
}
