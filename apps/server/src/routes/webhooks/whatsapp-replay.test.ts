// A replayed webhook must not bring an erased person back: a signed body of theirs sent again
// after the erasure is acknowledged and stores nothing, an event older than the providers' retry
// window is refused by its timestamp, and what erasure kept to know the replay (keyed hashes
// only) is purged once past the window.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { purgeInactiveContacts } from '@ascolto/core'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'

describe('WhatsApp replays', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  const rowsOf = async (channelId: string) =>
    (
      await server.pool.query<{ contacts: number; messages: number }>(
        `select (select count(*)::int from contact_identity where channel_id = $1) as contacts,
                (select count(*)::int from message where channel_id = $1) as messages`,
        [channelId],
      )
    ).rows[0]

  it('acknowledges a replay of an erased person and stores nothing, then forgets the hashes past the window', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const door = await connectFakeWhatsApp(server, fake, { helplineId })
    const phone = '393471230001'
    const body = whatsappPayload({ messages: [whatsappText({ phone }, 'aiutatemi', newWamid(phone))] })
    assert.equal((await postWhatsAppWebhook(door.webhookUrl, door.appSecret, body)).status, 200)
    assert.deepEqual(await rowsOf(door.channelId), { contacts: 1, messages: 1 })

    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where channel_id = $1',
      [door.channelId],
    )
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const erased = await call(`${server.url}/api/conversations/${rows[0]?.id}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: 'richiesta della persona' },
    })
    assert.equal(erased.status, 200)
    assert.deepEqual(await rowsOf(door.channelId), { contacts: 0, messages: 0 })

    // Meta retries, or someone replays the captured body: acknowledged, nobody comes back
    assert.equal((await postWhatsAppWebhook(door.webhookUrl, door.appSecret, body)).status, 200)
    assert.deepEqual(await rowsOf(door.channelId), { contacts: 0, messages: 0 })
    // what was kept to know it is a keyed hash, nothing that names the person
    const kept = await server.pool.query<{ provider_id_hash: string }>(
      'select provider_id_hash from erased_provider_id where channel_id = $1',
      [door.channelId],
    )
    assert.equal(kept.rows.length, 1)
    assert.match(kept.rows[0]?.provider_id_hash ?? '', /^h:[\w-]{43}$/)

    // a new message of theirs is a new person, as an erased one is
    const fresh = whatsappPayload({ messages: [whatsappText({ phone }, 'sono di nuovo io')] })
    assert.equal((await postWhatsAppWebhook(door.webhookUrl, door.appSecret, fresh)).status, 200)
    assert.deepEqual(await rowsOf(door.channelId), { contacts: 1, messages: 1 })

    // the retention job forgets the hashes once past the window: by then a replay is refused by its age
    await purgeInactiveContacts(server.pool, server.services.keyring, {
      now: new Date(Date.now() + 8 * 24 * 3600 * 1000),
    })
    const left = await server.pool.query('select 1 from erased_provider_id where channel_id = $1', [
      door.channelId,
    ])
    assert.equal(left.rowCount, 0)
  })

  it('refuses an event older than the retry window by its timestamp, acknowledging it', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const door = await connectFakeWhatsApp(server, fake, { helplineId })
    const eightDaysAgo = String(Math.floor(Date.now() / 1000) - 8 * 24 * 3600)
    const old = { ...whatsappText({ phone: '393471230002' }, 'vecchio'), timestamp: eightDaysAgo }
    const answer = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ messages: [old] }),
    )
    assert.equal(answer.status, 200)
    // within the window, the same person's message is stored: the refusal was the age alone
    const recent = whatsappText({ phone: '393471230002' }, 'recente')
    await postWhatsAppWebhook(door.webhookUrl, door.appSecret, whatsappPayload({ messages: [recent] }))
    assert.deepEqual(await rowsOf(door.channelId), { contacts: 1, messages: 1 })
  })
})
