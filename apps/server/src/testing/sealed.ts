// Tests that read the database directly open what it holds sealed as the server would: with the
// person's own key (packages/core/src/crypto/keyring.ts).
import { contactSealer } from '@ascolto/core'
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
