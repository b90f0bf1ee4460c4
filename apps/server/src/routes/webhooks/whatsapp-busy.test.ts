// Past as many bodies in hand as the instance takes at once (here ASCOLTO_WEBHOOKS_IN_FLIGHT, its
// floor: bodies-in-hand.ts), the next is refused at once with 503, before its body is read or any
// database work, so Meta retries it later; the retry is taken and nothing is lost.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import { makeHelpline, startTestServer, type TestServer } from '../../testing/test-server.ts'

const PHONE = '393331234567'

describe('WhatsApp webhook: a full instance', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  before(async () => {
    server = await startTestServer({ ASCOLTO_WEBHOOKS_IN_FLIGHT: '1' })
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake?.close()
    await server?.close()
  })

  it('refuses with 503 at once past the bodies it takes at once, and takes the retry', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const { channelId, appSecret, webhookUrl } = await connectFakeWhatsApp(server, fake, { helplineId })
    // the person's lock held here: their message waits inside its transaction, in hand
    const holder = await server.pool.connect()
    const lockKey = `${channelId}:${server.services.keyring.hashAddress(helplineId, PHONE).toString('hex')}`
    await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey])
    const first = postWhatsAppWebhook(
      webhookUrl,
      appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: PHONE }, 'primo')] }),
    )
    await eventually('the first message waits for the lock', async () => {
      const { rows } = await server.pool.query(
        `select 1 from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'
            and pid <> pg_backend_pid()`,
      )
      return rows.length > 0
    })
    const second = whatsappPayload({ messages: [whatsappText({ phone: '393330000002' }, 'secondo')] })
    // what is asked while the instance is full, answered once the lock is given back (even when an
    // answer is wrong: the held message would otherwise keep the server from closing)
    const whileFull = await Promise.all([
      postWhatsAppWebhook(webhookUrl, appSecret, second),
      // refused before it is read: a signed body that is not Meta's format is not looked at either
      postWhatsAppWebhook(webhookUrl, appSecret, '{"object":'),
      // and what is not signed is still a 401, whatever the load
      postWhatsAppWebhook(webhookUrl, appSecret, second, { signature: null }),
    ]).finally(async () => {
      await holder.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey])
      holder.release()
    })
    assert.deepEqual(
      whileFull.map((answer) => answer.status),
      [503, 503, 401],
    )
    assert.deepEqual(whileFull[0]?.body, {
      code: 'ASCOLTO_ERR_BUSY',
      message: 'Too many requests in hand: retry later',
    })

    assert.equal((await first).status, 200)
    // Meta's retry of the refused body is taken
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, second)).status, 200)
    const { rows } = await server.pool.query('select 1 from message where channel_id = $1', [channelId])
    assert.equal(rows.length, 2)
  })
})
