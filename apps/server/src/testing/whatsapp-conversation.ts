// What the WhatsApp delivery tests start from: a helpline on WhatsApp (its Graph API the fake), a
// person who wrote, and the volunteer who took their conversation; and a way to wait until the
// worker has dealt with every reply.
import assert from 'node:assert/strict'
import type { MessageView } from '@ascolto/protocol'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  whatsappPayload,
  whatsappStatus,
  whatsappText,
} from './fake-whatsapp.ts'
import { outboundOf } from './replies-settled.ts'
import { call, makeHelpline, makeOperator, type TestServer } from './test-server.ts'

export { outboundOf }

export type WhatsAppChat = Awaited<ReturnType<typeof openWhatsAppConversation>>

/** Only what the helpers use of a server: a spawned Ascolto's pool, keyring and address will do. */
export type ServerParts = Pick<TestServer, 'pool' | 'services' | 'url'>

export async function openWhatsAppConversation(
  server: ServerParts,
  fake: FakeWhatsApp,
  from: { phone?: string; userId?: string },
  options: Omit<Parameters<typeof connectFakeWhatsApp>[2], 'helplineId'> = {},
) {
  const { helplineId } = await makeHelpline(server.pool)
  const channel = await connectFakeWhatsApp(server, fake, { helplineId, ...options })
  const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
  const open = async (person: { phone?: string; userId?: string }) => {
    /** The person writes (a message of their own, as Meta posts it to this number). */
    const write = async (message: Record<string, unknown>) => {
      const written = await postWhatsAppWebhook(
        channel.webhookUrl,
        channel.appSecret,
        whatsappPayload({ phoneNumberId: options.phoneNumberId, messages: [message] }),
      )
      assert.equal(written.status, 200)
    }
    await write(whatsappText(person, 'Ciao, c’è qualcuno?'))
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    const conversationId: string = queue.body.conversations[0].id
    const taken = await call(`${server.url}/api/conversations/${conversationId}/take`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(taken.status, 200)
    const reply = async (text: string) => {
      const response = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
        cookie: volunteer.cookie,
        body: { text },
      })
      assert.equal(response.status, 201)
      return response.body as MessageView
    }
    return { conversationId, write, reply }
  }
  const status = (wamid: string, value: 'sent' | 'delivered' | 'read' | 'failed', code?: number) =>
    postWhatsAppWebhook(
      channel.webhookUrl,
      channel.appSecret,
      whatsappPayload({
        phoneNumberId: options.phoneNumberId,
        statuses: [whatsappStatus(wamid, value, code)],
      }),
    )
  return {
    ...channel,
    helplineId,
    volunteer,
    status,
    ...(await open(from)),
    /** Another person writing to the same number, whose conversation the same volunteer takes. */
    another: open,
  }
}

/** Lets the outbox's backoff pass at once, so retries happen while the test waits. */
export async function untilSettled(server: ServerParts, conversationId: string, ms = 20_000) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const rows = await outboundOf(server, conversationId)
    const pending = await server.pool.query('select 1 from outbox where kind = $1 limit 1', [
      'deliver_message',
    ])
    if (rows.length > 0 && rows.every((row) => row.status !== 'queued') && pending.rowCount === 0) return rows
    await server.pool.query('update outbox set run_at = now() where run_at > now()')
    server.services.publisher.outboxChanged()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the replies did not settle')
}
