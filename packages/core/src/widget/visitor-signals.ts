// Who a typing or "seen" signal is about. The widget's socket knows its visitor by token; the
// console's by conversation. Signals are never stored: these only find the other side.
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'

/** The visitor's open conversation on this channel, if they have one. */
export async function openConversationOfVisitor(
  db: Queryable,
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  token: string,
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select c.id from contact_identity ci
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
      where ci.channel_id = $1 and ci.address_hash = $2 and c.status <> 'closed'`,
    [channel.id, keyring.hashAddress(channel.helplineId, token)],
  )
  return rows[0]?.id ?? null
}

/** The web-chat visitor of a conversation (their token, to find their socket room), or null. */
export async function visitorOfConversation(
  db: Queryable,
  keyring: Keyring,
  conversationId: string,
): Promise<{ helplineId: string; token: string } | null> {
  return (await visitorsOfConversations(db, keyring, [conversationId])).get(conversationId) ?? null
}

/** The web-chat visitors of these open conversations, by conversation (others are left out). */
export async function visitorsOfConversations(
  db: Queryable,
  keyring: Keyring,
  conversationIds: readonly string[],
): Promise<Map<string, { helplineId: string; token: string }>> {
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    channel_id: string
    contact_id: string
    key_sealed: Buffer | null
    address_sealed: Buffer
  }>(
    `select c.id, c.helpline_id, c.channel_id, c.contact_id, k.key_sealed, ci.address_sealed from conversation c
       join channel ch on ch.id = c.channel_id and ch.kind = 'webchat'
       join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where c.id = any($1::uuid[]) and c.status <> 'closed'`,
    [conversationIds],
  )
  return new Map(
    rows.map((row) => [
      row.id,
      {
        helplineId: row.helpline_id,
        token: keyring
          .contact(row.helpline_id, row.contact_id, row.key_sealed)
          .open(row.address_sealed, `address:${row.channel_id}`),
      },
    ]),
  )
}
