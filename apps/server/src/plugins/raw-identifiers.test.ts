// A volunteer never receives a person's raw identifiers. People write in on WhatsApp, by SMS, on
// Telegram, by e-mail and on the web chat (from known addresses), one calls; a volunteer signs in,
// takes every conversation, replies, notes, opens a case, closes one, and then calls every GET
// route a volunteer may call (walked from the app's own route table, with the volunteer's real
// ids). Every HTTP body and every event their console's socket receives is swept
// (testing/identifier-sweep.ts) for the phone numbers, e-mail, Telegram id and IP addresses in any
// common form. Addresses are shown only through a reveal, which needs a role and a reason.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '@ascolto/config'
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io-client'
import { buildApp } from '../app.ts'
import { eventually } from '../testing/eventually.ts'
import {
  connectFakeTelegram,
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../testing/fake-telegram.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  twilioSid,
  twilioSms,
} from '../testing/fake-twilio.ts'
import { playCall } from '../testing/fake-twilio-call.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../testing/fake-whatsapp.ts'
import { identifierSweeper } from '../testing/identifier-sweep.ts'
import {
  connectLocalMailbox,
  type Dovecot,
  type LocalSmtp,
  startDovecot,
  startLocalSmtp,
} from '../testing/local-mail.ts'
import { connectConsole, nextEvent } from '../testing/sockets.ts'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../testing/test-server.ts'
import { registeredRoutes } from './route-policies.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const MAILBOX = 'ascolto@helpline.example.org'
const MAILBOX_PASSWORD = randomUUID()

const PEOPLE = {
  whatsapp: '393471239876',
  sms: '+393489871234',
  caller: '+393357654321',
  telegram: 5123456789,
  email: 'Mario.Rossi@Example.org',
  /** the web chat's visitors, as the proxy in front of Ascolto reports them */
  webIpv4: '203.0.113.77',
  webIpv6: '2001:db8::77',
}
/** The volunteer's own address, which no payload about the people needs either. */
const VOLUNTEER_IP = '198.51.100.23'

/** What the walk cannot know from a path: a query a route needs to answer. */
const QUERIES: Record<string, string> = {
  '/api/helplines/:id/referrals': 'direction=in',
  '/api/helplines/:id/statistics/cross': 'rows=door&columns=language',
  '/api/helplines/:id/statistics/cross.:format': 'rows=door&columns=language',
}

describe('raw identifiers in a volunteer’s session', () => {
  let server: TestServer
  let app: FastifyInstance
  let whatsapp: FakeWhatsApp
  let twilio: FakeTwilio
  let telegram: FakeTelegram
  let dovecot: Dovecot
  let smtp: LocalSmtp
  let socket: Socket | undefined
  /** Every payload the volunteer received: where from, and its text. */
  const received: Array<{ where: string; text: string }> = []

  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL })
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
    ;[whatsapp, twilio, telegram, dovecot, smtp] = await Promise.all([
      startFakeWhatsApp(),
      startFakeTwilio(),
      startFakeTelegram(),
      startDovecot({ [MAILBOX]: MAILBOX_PASSWORD }),
      startLocalSmtp(),
    ])
  })
  after(async () => {
    socket?.close()
    await app?.close()
    await server?.close()
    await Promise.all([
      whatsapp?.close(),
      twilio?.close(),
      telegram?.close(),
      dovecot?.close(),
      smtp?.close(),
    ])
  })

  it('sends no phone number, e-mail, Telegram id or IP address to the volunteer', async (t) => {
    const { helplineId, channelId: webId } = await makeHelpline(server.pool)
    const wa = await connectFakeWhatsApp(server, whatsapp, { helplineId })
    const sms = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, { helplineId })
    const tg = await connectFakeTelegram(server, telegram, { helplineId })
    await connectLocalMailbox(
      server,
      { dovecot, smtp, address: MAILBOX, password: MAILBOX_PASSWORD },
      { helplineId, displayName: 'Linea di ascolto', replySubject: 'Dalla linea di ascolto' },
    )
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Giulia')

    /** The volunteer's browser: every answer kept. */
    const api = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie: volunteer.cookie,
          'x-forwarded-for': VOLUNTEER_IP,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      received.push({ where: `${method} ${path} → ${response.status}`, text })
      return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text }
    }
    socket = await connectConsole(server.url, volunteer.cookie)
    socket.onAny((event: string, ...payload: unknown[]) =>
      received.push({ where: `socket ${event}`, text: JSON.stringify(payload) }),
    )
    await api('/api/session')
    await api(`/api/helplines/${helplineId}/desk`)

    // the people write in, each on their door
    const visitor = (ip: string) => ({
      authorization: `Bearer ${visitorToken()}`,
      'x-forwarded-for': ip,
      'content-type': 'application/json',
    })
    for (const ip of [PEOPLE.webIpv4, PEOPLE.webIpv6]) {
      const written = await fetch(`${server.url}/api/widget/v1/channels/${webId}/messages`, {
        method: 'POST',
        headers: visitor(ip),
        body: JSON.stringify({ clientId: randomUUID(), text: 'Buonasera, posso scrivere qui?' }),
      })
      assert.equal(written.status, 201)
    }
    const wamid = newWamid(PEOPLE.whatsapp)
    assert.equal(
      (
        await postWhatsAppWebhook(
          wa.webhookUrl,
          wa.appSecret,
          whatsappPayload({
            messages: [whatsappText({ phone: PEOPLE.whatsapp }, 'Ciao, c’è qualcuno?', wamid)],
          }),
        )
      ).status,
      200,
    )
    assert.equal(
      (await postTwilioWebhook(sms.target, twilioSms(twilio.accountSid, PEOPLE.sms, 'Vorrei parlare')))
        .status,
      200,
    )
    const update = telegramUpdate(PEOPLE.telegram, { text: 'Ciao' })
    update.message.from = { ...update.message.from, username: 'giulia_r' } as typeof update.message.from
    assert.equal((await postTelegramWebhook(tg.webhookUrl, tg.secret, update)).status, 200)
    await dovecot.deliver(
      MAILBOX,
      [
        `From: Mario <${PEOPLE.email}>`,
        `To: ${MAILBOX}`,
        `Reply-To: ${PEOPLE.email.toUpperCase()}`,
        'Subject: Una domanda',
        `Message-ID: <${randomUUID()}@example.org>`,
        'Date: Tue, 01 Dec 2026 20:15:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Buonasera, posso scrivervi?',
        '',
      ].join('\r\n'),
    )
    await playCall(sms.target, twilio.accountSid, { from: PEOPLE.caller, voicemail: twilioSid('RE') })

    // the volunteer opens the queue and takes every conversation
    let waiting: Array<{ id: string }> = []
    await eventually(
      'every door’s conversation is in the queue',
      async () => {
        waiting = (await api(`/api/conversations?status=waiting&helplineId=${helplineId}`)).body.conversations
        return waiting.length >= 7
      },
      30_000,
    )
    const ids = waiting.map((conversation) => conversation.id)
    for (const id of ids) {
      await api(`/api/conversations/${id}/take`, {})
      await api(`/api/conversations/${id}`)
      await api(`/api/conversations/${id}/messages`, { text: 'Sono qui, ti ascolto.' })
      await api(`/api/conversations/${id}/notes`, { text: 'prima presa in carico' })
    }
    // the person writes again while the volunteer has the conversation open
    await postWhatsAppWebhook(
      wa.webhookUrl,
      wa.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: PEOPLE.whatsapp }, 'Grazie')] }),
    )
    const [first, second] = ids as [string, string]
    const opened = await api('/api/cases', { conversationId: first, title: 'Percorso di Mario' })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    const caseId: string = opened.body.id
    await api(`/api/cases/${caseId}/entries`, { kind: 'note', text: 'colloquio' })
    const flag = await api(`/api/conversations/${second}/flags`, {
      kind: 'minor_at_risk',
      reason: 'da seguire',
    })
    await api(`/api/conversations/${second}/close`, {})

    // every reply has left (the delivery states came back), then one more message must arrive last
    await eventually(
      'the replies are delivered',
      async () =>
        (await server.pool.query(`select 1 from outbox where kind = 'deliver_message' limit 1`)).rowCount ===
        0,
      30_000,
    )
    const { rows: onWhatsApp } = await server.pool.query<{ id: string }>(
      'select id from conversation where channel_id = $1',
      [wa.channelId],
    )
    const whatsappConversation = onWhatsApp[0]?.id ?? ''
    const last = nextEvent(socket, 'message.created', (payload: unknown) =>
      JSON.stringify(payload).includes(whatsappConversation),
    )
    await postWhatsAppWebhook(
      wa.webhookUrl,
      wa.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: PEOPLE.whatsapp }, 'Ci sei ancora?')] }),
    )
    await last

    // every GET route a volunteer may call, with the volunteer's own ids
    const { rows: messages } = await server.pool.query<{ id: string; kind: string }>(
      `select id, kind from message where conversation_id = any($1::uuid[]) and direction = 'inbound'`,
      [ids],
    )
    const own: Record<string, string | undefined> = {
      'conversations/:id': first,
      'helplines/:id': helplineId,
      'cases/:id': caseId,
      'messages/:id': messages.find((message) => message.kind === 'audio')?.id ?? messages[0]?.id,
      'calls/:messageId': messages.find((message) => message.kind === 'call')?.id,
      'flags/:id': flag.body?.id,
      'members/:userId': volunteer.userId,
    }
    const walked: string[] = []
    const skipped: string[] = []
    for (const route of registeredRoutes(app)) {
      const policy = route.policy
      if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.url.startsWith('/api/widget/'))
        continue
      if (policy?.access !== 'session' && !(policy?.access === 'staff' && policy.least === 'volunteer'))
        continue
      let path = route.url.replace('.:format', '.csv')
      for (const [pair] of route.url.matchAll(/[\w.-]+\/:\w+/g)) {
        const id = own[pair]
        if (id) path = path.replace(pair, pair.replace(/:\w+$/, id))
      }
      if (path.includes('/:')) {
        skipped.push(route.url)
        continue
      }
      const query = [route.query.includes('helplineId') ? `helplineId=${helplineId}` : '', QUERIES[route.url]]
      const search = query.filter(Boolean).join('&')
      await api(search ? `${path}?${search}` : path)
      walked.push(route.url)
    }
    for (const id of ids) await api(`/api/conversations/${id}`)
    t.diagnostic(
      `${walked.length} GET routes walked; without an id of the volunteer's: ${skipped.join(', ')}`,
    )
    assert.ok(walked.length > 25, `only ${walked.length} routes walked`)
    assert.ok(
      received.some((payload) => payload.where.startsWith('socket message.created')),
      'the console heard the messages',
    )

    const sweep = identifierSweeper({
      phones: [`+${PEOPLE.whatsapp}`, PEOPLE.sms, PEOPLE.caller],
      emails: [PEOPLE.email],
      telegramIds: [String(PEOPLE.telegram)],
      ips: [PEOPLE.webIpv4, PEOPLE.webIpv6, VOLUNTEER_IP, '127.0.0.1', '::1'],
    })
    const found = received.flatMap(({ where, text }) => {
      const hits = sweep(text)
      return hits.length ? [`${where}: ${hits.join(', ')} in ${text.slice(0, 300)}`] : []
    })
    t.diagnostic(`${received.length} payloads swept`)
    assert.deepEqual(found, [])

    // the sweep sees an address in a real answer's form: a coordinator's reveal, which shows it
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const revealed = await fetch(`${server.url}/api/conversations/${whatsappConversation}/contact/reveal`, {
      method: 'POST',
      headers: { cookie: coordinator.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'richiamata concordata con la persona' }),
    })
    assert.equal(revealed.status, 200)
    assert.deepEqual(sweep(await revealed.text()), [`phone +${PEOPLE.whatsapp}`])
  })
})
