import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { withTransaction } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { Services } from '../context.ts'
import { createKeyring } from '../crypto/keyring.ts'
import { createChannel, createHelpline } from '../helplines/create-helpline.ts'
import { silentPublisher } from '../realtime/publisher.ts'
import { ingestInboundMessage } from './ingest-inbound-message.ts'
import { hashEarlierProviderIds, openProviderId } from './provider-ids.ts'

const services: Services = {
  keyring: createKeyring(randomBytes(32)),
  publisher: silentPublisher,
  clock: () => new Date(),
}

describe('provider message ids written in clear before migration 0021', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(async () => {
    await database.drop()
  })

  it('become a keyed hash and a sealed copy at start-up, once, and a retry still finds its message', async () => {
    const { pool } = database
    const { keyring } = services
    const { id: helplineId } = await createHelpline(pool, {
      slug: `h-${randomUUID().slice(0, 8)}`,
      name: 'Linea',
    })
    const { id: channelId } = await createChannel(pool, { helplineId, kind: 'whatsapp', name: 'WhatsApp' })
    const connection = { id: channelId, helplineId, config: {} }
    const inbound = (providerMessageId: string) => ({
      providerMessageId,
      from: '393471239876',
      receivedAt: new Date(),
      kind: 'text' as const,
      text: 'ciao',
      media: null,
    })
    const ingest = (providerMessageId: string) =>
      withTransaction(pool, (tx, afterCommit) =>
        ingestInboundMessage({ tx, afterCommit, services }, connection, inbound(providerMessageId)),
      )
    const stored = await ingest('wamid.first')
    // what an earlier version wrote: the id in clear, nothing sealed; an early report in clear too
    const wamid = 'wamid.HBgMMzkzNDcxMjM5ODc2FQIAERgQODJBREQ1MjY1RTFBNEM3NgA='
    await pool.query(
      `update message set provider_message_id = $2, provider_id_sealed = null, reply_to_provider_id = 'wamid.asked'
        where id = $1`,
      [stored.messageId, wamid],
    )
    await pool.query(
      `insert into delivery_status_early (channel_id, provider_message_id, status) values ($1, 'wamid.early', 'read')`,
      [channelId],
    )

    assert.equal(await hashEarlierProviderIds(pool, keyring), 2)
    const { rows } = await pool.query(
      `select m.provider_message_id, m.reply_to_provider_id, m.provider_id_sealed, c.contact_id, k.key_sealed
         from message m join conversation c on c.id = m.conversation_id
         join keystore.contact_key k on k.contact_id = c.contact_id where m.id = $1`,
      [stored.messageId],
    )
    const row = rows[0]
    assert.equal(row.provider_message_id, keyring.hashProviderId(channelId, wamid))
    assert.equal(row.reply_to_provider_id, keyring.hashProviderId(channelId, 'wamid.asked'))
    const sealer = keyring.contact(helplineId, row.contact_id, row.key_sealed)
    assert.equal(openProviderId(sealer, stored.messageId, row.provider_id_sealed), wamid)
    const early = await pool.query(
      'select provider_message_id from delivery_status_early where channel_id = $1',
      [channelId],
    )
    assert.deepEqual(early.rows, [{ provider_message_id: keyring.hashProviderId(channelId, 'wamid.early') }])

    // idempotent: a second start converts nothing, and Meta's retry of that message is a duplicate
    assert.equal(await hashEarlierProviderIds(pool, keyring), 0)
    assert.equal((await ingest(wamid)).outcome, 'duplicate')
  })
})
