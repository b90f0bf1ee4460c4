// Tests that read the database directly open what it holds sealed as the server would: with the
// person's own key (packages/core/src/crypto/keyring.ts).
import { contactSealer, type Keyring, openProviderId } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import type { TestServer } from './test-server.ts'

/** A message's text (or a note's). */
export async function openMessageText(server: TestServer, messageId: string): Promise<string> {
  const { rows } = await server.pool.query<{ conversation_id: string; body_sealed: Buffer }>(
    'select conversation_id, body_sealed from message where id = $1',
    [messageId],
  )
  const row = rows[0]
  if (!row) throw new Error(`No message ${messageId}`)
  const sealer = await contactSealer(server.pool, server.services.keyring, {
    conversationId: row.conversation_id,
  })
  return sealer.open(row.body_sealed, `message:${messageId}`)
}

/** The addresses people wrote from on a channel, oldest first. */
export async function openChannelAddresses(server: TestServer, channelId: string): Promise<string[]> {
  const { rows } = await server.pool.query<{ contact_id: string; address_sealed: Buffer }>(
    'select contact_id, address_sealed from contact_identity where channel_id = $1 order by created_at',
    [channelId],
  )
  return Promise.all(
    rows.map(async (row) =>
      (await contactSealer(server.pool, server.services.keyring, { contactId: row.contact_id })).open(
        row.address_sealed,
        `address:${channelId}`,
      ),
    ),
  )
}

/**
 * The provider's own ids of messages (kept sealed beside their keyed hash,
 * core/messages/provider-ids.ts), in the order written; of one channel, one direction if asked.
 */
export async function openProviderIds(
  db: Queryable,
  keyring: Keyring,
  where: { channelId?: string; direction?: 'inbound' | 'outbound'; messageId?: string } = {},
): Promise<string[]> {
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    contact_id: string
    key_sealed: Buffer | null
    provider_id_sealed: Buffer
  }>(
    `select m.id, m.helpline_id, c.contact_id, k.key_sealed, m.provider_id_sealed
       from message m join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where m.provider_id_sealed is not null and ($1::uuid is null or m.channel_id = $1)
        and ($2::text is null or m.direction = $2) and ($3::uuid is null or m.id = $3)
      order by m.seq`,
    [where.channelId ?? null, where.direction ?? null, where.messageId ?? null],
  )
  return rows.map(
    (row) =>
      openProviderId(
        keyring.contact(row.helpline_id, row.contact_id, row.key_sealed),
        row.id,
        row.provider_id_sealed,
      ) ?? '',
  )
}

/** One message's provider id, opened; null when it has none. */
export async function openMessageProviderId(server: TestServer, messageId: string) {
  const [id] = await openProviderIds(server.pool, server.services.keyring, { messageId })
  return id ?? null
}
