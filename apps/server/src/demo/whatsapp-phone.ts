// The WhatsApp demo: with `ascolto start --demo`, the demo helpline gets a WhatsApp number whose
// Cloud API is the local fake, and the fake serves a phone-like page where a newcomer writes as
// the person. What they write reaches Ascolto as Meta's signed webhooks; the volunteer's replies
// (and the template past the 24-hour window) come back to the page from the fake's send endpoint.
// Nothing leaves the machine.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Services, withChannelSecrets } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  type WebhookTarget,
  whatsappPayload,
  whatsappText,
} from '../testing/fake-whatsapp.ts'
import { phonePage, phoneScript } from './whatsapp-phone-page.ts'

const NUMBER = /^\d{8,15}$/
const DEMO_TEMPLATE = {
  name: 'risposta_in_attesa',
  language: 'it',
  text: 'Hai una risposta dalla linea d’ascolto: rispondi a questo messaggio per leggerla.',
}

type Written = { number: string; text: string; at: number }

function send(response: ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

/** The phone's pages and its two calls: write as the person, read the conversation. */
export function servePhone(fake: FakeWhatsApp, target: WebhookTarget) {
  const written: Written[] = []
  fake.route(async (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://phone')
    if (request.method === 'GET' && url.pathname === '/phone') {
      send(response, 200, 'text/html; charset=utf-8', phonePage)
      return true
    }
    if (request.method === 'GET' && url.pathname === '/phone.js') {
      send(response, 200, 'text/javascript; charset=utf-8', phoneScript)
      return true
    }
    if (url.pathname !== '/phone/messages') return false
    if (request.method === 'POST') {
      let message: { number?: unknown; text?: unknown }
      try {
        message = JSON.parse(body.toString('utf8'))
      } catch {
        message = {}
      }
      const { number, text } = message
      if (typeof number !== 'string' || !NUMBER.test(number) || typeof text !== 'string' || !text.trim()) {
        send(response, 400, 'application/json', JSON.stringify({ error: 'number (8-15 digits) and text' }))
        return true
      }
      const payload = whatsappPayload({
        phoneNumberId: target.phoneNumberId,
        messages: [whatsappText({ phone: number }, text.slice(0, 4096))],
      })
      const answered = await postWhatsAppWebhook(target.url, target.appSecret, payload)
      if (answered.status === 200) written.push({ number, text, at: Date.now() })
      send(
        response,
        answered.status === 200 ? 200 : 502,
        'application/json',
        JSON.stringify({ ok: answered.status === 200 }),
      )
      return true
    }
    const number = url.searchParams.get('number') ?? ''
    const messages = [
      ...written.filter((m) => m.number === number).map((m) => ({ from: 'person', text: m.text, at: m.at })),
      ...fake.sent
        .filter((m) => m.to === number)
        .map((m) => ({ from: 'helpline', text: m.template ? DEMO_TEMPLATE.text : m.text, at: m.at })),
    ].sort((a, b) => a.at - b.at)
    send(response, 200, 'application/json', JSON.stringify({ messages }))
    return true
  })
}

/**
 * The demo helpline's WhatsApp number on a fresh fake, on each start: the channel is made the
 * first time (with the demo template and read receipts) and pointed at this start's fake after.
 */
export async function startDemoWhatsApp(
  server: { pool: Pool; services: Services; url: string },
  helplineId: string,
): Promise<{ phoneUrl: string; close: () => Promise<void> }> {
  const { pool, services } = server
  const { rows } = await pool.query<{ id: string; config: Record<string, unknown> }>(
    `select id, config from channel where helpline_id = $1 and kind = 'whatsapp' order by created_at limit 1`,
    [helplineId],
  )
  const existing = rows[0]
  let fake: FakeWhatsApp
  let target: WebhookTarget
  if (existing) {
    const { secrets } = await withChannelSecrets(pool, services.keyring, {
      id: existing.id,
      helplineId,
      config: existing.config,
    })
    fake = await startFakeWhatsApp({ accessToken: secrets?.accessToken })
    await pool.query(
      `update channel set config = config || jsonb_build_object('graphBaseUrl', $2::text) where id = $1`,
      [existing.id, fake.url],
    )
    target = { url: `${server.url}/webhooks/whatsapp/${existing.id}`, appSecret: secrets?.appSecret ?? '' }
  } else {
    fake = await startFakeWhatsApp()
    const channel = await connectFakeWhatsApp(server, fake, {
      helplineId,
      template: DEMO_TEMPLATE,
      markAsRead: true,
    })
    target = { url: channel.webhookUrl, appSecret: channel.appSecret }
  }
  servePhone(fake, target)
  return { phoneUrl: `${fake.url.replace('127.0.0.1', 'localhost')}/phone`, close: fake.close }
}
