// No data leaves the installation except to the providers a helpline connected: every TCP
// connection this process opens (fetch/undici, node:http, TLS, the database driver all connect
// through net.Socket) is recorded while people write in through the web chat, WhatsApp and
// Telegram, volunteers answer, a read receipt goes, a person is erased (the providers' copies
// deleted) and a referral goes to a partner installation. Each must go to the database, the server
// itself, a connected provider's fake or a host of a helpline's partners list; any other host (an
// analytics or AI endpoint, a hard-coded URL) fails the test.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { eventually } from './testing/eventually.ts'
import {
  connectFakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from './testing/fake-telegram.ts'
import { startFakeWhatsApp } from './testing/fake-whatsapp.ts'
import { partnerHelplines, referToPartner, takenConversation } from './testing/partner-installations.ts'
import { repliesSettled } from './testing/replies-settled.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  publicUrlEnv,
  startTestServer,
  visitorToken,
} from './testing/test-server.ts'
import { openWhatsAppConversation } from './testing/whatsapp-conversation.ts'

type Endpoint = { host: string; port: number }
const contacted: Endpoint[] = []
const connect = Socket.prototype.connect

describe('data leaving the installation', () => {
  before(() => {
    // every client socket, whatever opened it: (options), (port, host) or net.connect's [options]
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      // net.connect hands over its arguments already normalised, as one array
      const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args
      if (first && typeof first === 'object' && 'port' in first) {
        const options = first as { host?: string; port: number | string }
        contacted.push({ host: options.host ?? 'localhost', port: Number(options.port) })
      } else if (typeof first === 'number' || typeof first === 'string') {
        if (!Number.isNaN(Number(first)))
          contacted.push({ host: String(second ?? 'localhost'), port: Number(first) })
      }
      return (connect as (...a: unknown[]) => Socket).apply(this, args)
    } as typeof Socket.prototype.connect
  })
  after(() => {
    Socket.prototype.connect = connect
  })

  it('goes only to the database, the server itself, the providers connected and the partners listed', async () => {
    const server = await startTestServer(await publicUrlEnv())
    const whatsapp = await startFakeWhatsApp()
    const telegram = await startFakeTelegram()
    // a partner installation, reached only at the address its coordinators gave
    const partner = await startTestServer(await publicUrlEnv())
    try {
      // the web chat
      const web = await makeHelpline(server.pool)
      const token = visitorToken()
      const widget = `${server.url}/api/widget/v1/channels/${web.channelId}/messages`
      assert.equal(
        (await call(widget, { token, body: { clientId: randomUUID(), text: 'ciao' } })).status,
        201,
      )

      // WhatsApp: in, a reply out, the conversation read (a read receipt), the person erased
      const chat = await openWhatsAppConversation(server, whatsapp, { phone: '393480000099' })
      await chat.reply('Ti ascolto')
      await repliesSettled(server, chat.conversationId)
      await whatsapp.waitForSent(1)

      // Telegram: in, a reply out
      const { helplineId } = await makeHelpline(server.pool)
      const door = await connectFakeTelegram(server, telegram, { helplineId })
      const update = telegramUpdate(Number(`7${Date.now() % 1e8}`), { text: 'buonasera' })
      assert.equal((await postTelegramWebhook(door.webhookUrl, door.secret, update)).status, 200)
      const volunteer = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
      const { rows } = await server.pool.query<{ id: string }>(
        'select id from conversation where channel_id = $1',
        [door.channelId],
      )
      const conversationId = rows[0]?.id ?? ''
      await call(`${server.url}/api/conversations/${conversationId}/take`, {
        cookie: volunteer.cookie,
        body: {},
      })
      await call(`${server.url}/api/conversations/${conversationId}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'Sono qui' },
      })
      await telegram.waitForSent(1)
      // erasure deletes Telegram's copies: another call to the provider, and only to it
      const erased = await call(`${server.url}/api/conversations/${conversationId}/contact/erase`, {
        cookie: volunteer.cookie,
        body: { reason: 'richiesta della persona' },
      })
      assert.equal(erased.status, 200)
      const deadline = Date.now() + 15_000
      while (telegram.deleted.length === 0 && Date.now() < deadline) {
        server.services.publisher.outboxChanged()
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      assert.ok(telegram.deleted.length > 0, 'the erasure reached Telegram')

      // a referral to a partner installation: it answers, and the referral is received
      const lines = await partnerHelplines(server, partner)
      const referral = await referToPartner(lines.regional, await takenConversation(lines.regional))
      await eventually(
        'the partner installation received the referral',
        async () =>
          (
            await server.pool.query('select 1 from referral where id = $1 and state = $2', [
              referral.id,
              'received',
            ])
          ).rows.length === 1,
        60_000,
      )
      const { rows: partners } = await server.pool.query<{ base_url: string }>('select base_url from partner')

      const portOf = (url: string) => Number(new URL(url).port)
      const allowed = new Map([
        [portOf(server.databaseUrl), 'the database'],
        [portOf(server.url), 'the server itself'],
        [portOf(whatsapp.url), 'WhatsApp (connected)'],
        [portOf(telegram.url), 'Telegram (connected)'],
        ...partners.map(
          ({ base_url }) => [portOf(base_url), 'a partner installation (partners list)'] as const,
        ),
      ])
      const loopback = new Set(['localhost', '127.0.0.1', '::1'])
      const elsewhere = contacted.filter(({ host, port }) => !loopback.has(host) || !allowed.has(port))
      assert.deepEqual(elsewhere, [], 'connections to hosts no helpline connected')
      // the recording sees what the app does: each provider was reached through it
      for (const port of [portOf(whatsapp.url), portOf(telegram.url), portOf(partner.url)]) {
        assert.ok(
          contacted.some((endpoint) => endpoint.port === port),
          `${allowed.get(port)} reached`,
        )
      }
    } finally {
      await partner.close()
      await telegram.close()
      await whatsapp.close()
      await server.close()
    }
  })
})
