// The other doors in the demo: with `ascolto start --demo`, the demo helpline also gets a Twilio
// number (SMS and calls) and a Telegram bot, each on a local fake of its provider, and a page
// where a newcomer is the person: writes an SMS, calls (and plays the phone that answers, or
// leaves a voicemail), writes to the bot.
// What they do reaches Ascolto as the providers' own signed webhooks; the volunteer's replies
// come back to the page from the fakes' send endpoints. Nothing leaves the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { telegramConnection, twilioConnection } from '@ascolto/channels'
import { connectChannel, type Keyring, type Services, sealChannelSecrets } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import {
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../testing/fake-telegram.ts'
import {
  type FakeTwilio,
  postTwilioWebhook,
  silentMp3,
  startFakeTwilio,
  TWILIO_NUMBER,
  twilioCall,
  twilioRecorded,
  twilioSid,
  twilioSms,
} from '../testing/fake-twilio.ts'
import { callEnded, dialEnded, numbersOf, operatorLeg } from '../testing/fake-twilio-call.ts'
import { doorsPage, doorsScript } from './other-doors-page.ts'

const PHONE = /^\+[1-9]\d{6,14}$/
const CHAT = /^\d{5,15}$/

type Written = { door: 'sms' | 'telegram'; who: string; text: string; at: number }

/** A demo channel of this kind, made the first time and pointed at this start's fake after. */
async function demoChannel(
  pool: Pool,
  keyring: Keyring,
  helplineId: string,
  kind: string,
  name: string,
  connection: { config: object; secrets: Record<string, string> },
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    'select id from channel where helpline_id = $1 and kind = $2 order by created_at limit 1',
    [helplineId, kind],
  )
  const existing = rows[0]?.id
  if (!existing) {
    return (
      await connectChannel(pool, keyring, {
        helplineId,
        kind,
        name,
        ...connection,
        config: { ...connection.config },
      })
    ).id
  }
  await pool.query('update channel set config = $2, secrets = $3 where id = $1', [
    existing,
    connection.config,
    sealChannelSecrets(keyring, { id: existing, helplineId }, connection.secrets),
  ])
  return existing
}

function send(response: ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return {}
  }
}

/** What the caller hears, from Ascolto's TwiML: phones ringing, or the words before the voicemail. */
function heard(twiml: string) {
  const ringing = numbersOf(twiml)
  if (ringing.length > 0) return { ringing, says: null }
  return { ringing: [], says: spoken(twiml) }
}

const spoken = (twiml: string) =>
  /<Say[^>]*>([^<]*)<\/Say>/
    .exec(twiml)?.[1]
    ?.replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&') ?? null

/** The phone the demo's door rings in its hours: the page plays it (an operator may take it as theirs). */
export const DEMO_DESK_PHONE = '+390212340000'

export async function startDemoDoors(
  server: { pool: Pool; services: Services; url: string },
  helplineId: string,
  publicUrl: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { pool, services } = server
  const twilio: FakeTwilio = await startFakeTwilio()
  const telegram: FakeTelegram = await startFakeTelegram()
  const base = publicUrl.replace(/\/+$/, '')
  const sms = twilioConnection({
    accountSid: twilio.accountSid,
    phoneNumber: TWILIO_NUMBER,
    authToken: twilio.authToken,
    apiBaseUrl: twilio.url,
    publicUrl: base,
    forwardTo: DEMO_DESK_PHONE,
  })
  const bot = telegramConnection({ botToken: telegram.botToken, apiBaseUrl: telegram.url })
  const smsId = await demoChannel(pool, services.keyring, helplineId, 'twilio', 'Telefono e SMS (demo)', sms)
  const botId = await demoChannel(pool, services.keyring, helplineId, 'telegram', 'Telegram (demo)', bot)
  const target = {
    url: `${server.url}/webhooks/twilio/${smsId}`,
    publicUrl: `${base}/webhooks/twilio/${smsId}`,
    authToken: twilio.authToken,
  }
  const botUrl = `${server.url}/webhooks/telegram/${botId}`
  /** The person's call by their number: its sid, and the operator's leg once picked up. */
  const calls = new Map<string, { sid: string; leg?: string; answeredAt?: number; startedAt: number }>()
  const written: Written[] = []

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://doors')
    if (request.method === 'GET' && url.pathname === '/')
      return send(response, 200, 'text/html; charset=utf-8', doorsPage)
    if (request.method === 'GET' && url.pathname === '/doors.js') {
      return send(response, 200, 'text/javascript; charset=utf-8', doorsScript)
    }
    if (request.method === 'GET' && url.pathname === '/state') {
      const number = url.searchParams.get('number') ?? ''
      const chat = url.searchParams.get('chat') ?? ''
      const thread = (door: Written['door'], who: string, replies: Array<{ text: string; at: number }>) =>
        [
          ...written
            .filter((w) => w.door === door && w.who === who)
            .map((w) => ({ from: 'person', text: w.text, at: w.at })),
          ...replies.map((r) => ({ from: 'helpline', text: r.text, at: r.at })),
        ].sort((a, b) => a.at - b.at)
      return send(
        response,
        200,
        'application/json',
        JSON.stringify({
          sms: thread(
            'sms',
            number,
            twilio.sent.filter((m) => m.to === number).map((m) => ({ text: m.body, at: m.at })),
          ),
          telegram: thread(
            'telegram',
            chat,
            telegram.sent.filter((m) => m.chatId === chat).map((m) => ({ text: m.text, at: m.at })),
          ),
        }),
      )
    }
    if (request.method !== 'POST') return send(response, 404, 'text/plain', 'Not found')
    const body = await bodyOf(request)
    const text = typeof body.text === 'string' ? body.text.trim().slice(0, 1600) : ''
    const number = typeof body.number === 'string' ? body.number.replace(/[\s-]/g, '') : ''
    const chat = typeof body.chat === 'string' ? body.chat.trim() : ''
    if (url.pathname === '/sms') {
      if (!PHONE.test(number) || !text)
        return send(response, 400, 'application/json', '{"error":"number (+39…) and text"}')
      const answered = await postTwilioWebhook(target, twilioSms(twilio.accountSid, number, text))
      if (answered.status === 200) written.push({ door: 'sms', who: number, text, at: Date.now() })
      return send(response, answered.status === 200 ? 200 : 502, 'application/json', '{}')
    }
    if (url.pathname === '/call') {
      if (!PHONE.test(number)) return send(response, 400, 'application/json', '{"error":"number (+39…)"}')
      const callSid = twilioSid('CA')
      calls.set(number, { sid: callSid, startedAt: Date.now() })
      const answered = await postTwilioWebhook(target, twilioCall(twilio.accountSid, number, callSid))
      return send(
        response,
        answered.status === 200 ? 200 : 502,
        'application/json',
        JSON.stringify(heard(answered.body)),
      )
    }
    const current = calls.get(number)
    if (!current && ['/answer', '/no-answer', '/hang-up', '/voicemail'].includes(url.pathname)) {
      return send(response, 400, 'application/json', '{"error":"call first"}')
    }
    const ok = (status: number, body: object = {}) =>
      send(response, status === 200 ? 200 : 502, 'application/json', JSON.stringify(body))
    if (current && url.pathname === '/answer') {
      // the operator's phone picks up: the announcement, then 1
      const leg = operatorLeg(twilio.accountSid, current.sid, DEMO_DESK_PHONE)
      const announced = await postTwilioWebhook(target, leg)
      const pressed = await postTwilioWebhook(target, { ...leg, Digits: '1', FinishedOnKey: '' })
      Object.assign(current, { leg: leg.CallSid, answeredAt: Date.now() })
      return ok(pressed.status, { announcement: spoken(announced.body) })
    }
    if (current && url.pathname === '/no-answer') {
      const next = await postTwilioWebhook(target, dialEnded(twilio.accountSid, number, current.sid, null))
      return ok(next.status, heard(next.body))
    }
    if (current && url.pathname === '/hang-up') {
      const talked = current.leg && current.answeredAt
      const seconds = (since: number) => Math.max(1, Math.round((Date.now() - since) / 1000))
      if (current.leg && current.answeredAt) {
        await postTwilioWebhook(
          target,
          dialEnded(twilio.accountSid, number, current.sid, {
            legSid: current.leg,
            seconds: seconds(current.answeredAt),
          }),
        )
      }
      const ended = await postTwilioWebhook(
        target,
        callEnded(twilio.accountSid, number, current.sid, seconds(current.startedAt)),
      )
      calls.delete(number)
      return ok(ended.status, { talked: Boolean(talked) })
    }
    if (current && url.pathname === '/voicemail') {
      const recordingSid = twilioSid('RE')
      twilio.addRecording(recordingSid, silentMp3(3))
      const answered = await postTwilioWebhook(
        target,
        twilioRecorded(twilio.accountSid, number, current.sid, recordingSid),
      )
      await postTwilioWebhook(
        target,
        callEnded(
          twilio.accountSid,
          number,
          current.sid,
          Math.round((Date.now() - current.startedAt) / 1000),
        ),
      )
      calls.delete(number)
      return send(response, answered.status === 200 ? 200 : 502, 'application/json', '{}')
    }
    if (url.pathname === '/telegram') {
      if (!CHAT.test(chat) || !text)
        return send(response, 400, 'application/json', '{"error":"chat id (digits) and text"}')
      const answered = await postTelegramWebhook(
        botUrl,
        bot.secrets.webhookSecret,
        telegramUpdate(Number(chat), { text }),
      )
      if (answered.status === 200) written.push({ door: 'telegram', who: chat, text, at: Date.now() })
      return send(response, answered.status === 200 ? 200 : 502, 'application/json', '{}')
    }
    return send(response, 404, 'text/plain', 'Not found')
  }

  const page = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, 'text/plain', 'The demo could not do that'))
  })
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
  const { port } = page.address() as AddressInfo
  return {
    url: `http://localhost:${port}/`,
    close: async () => {
      page.closeAllConnections()
      await new Promise<void>((resolve) => page.close(() => resolve()))
      await Promise.all([twilio.close(), telegram.close()])
    },
  }
}
