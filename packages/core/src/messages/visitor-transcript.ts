// What a widget visitor may read: their own messages and the replies to them, on this channel,
// found by their token's keyed hash. No notes, no staff names. Nothing of a chat they ended
// themselves ("end chat", quick exit): whoever picks up the token after that reads nothing.
import type { Queryable } from '@ascolto/db'
import type { WidgetMessage } from '@ascolto/protocol'
import type { Keyring } from '../crypto/keyring.ts'
import { openProviderId } from './provider-ids.ts'

export async function visitorTranscript(
  db: Queryable,
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  address: string,
): Promise<WidgetMessage[]> {
  const { rows } = await db.query<{
    id: string
    contact_id: string
    key_sealed: Buffer | null
    direction: 'inbound' | 'outbound'
    author_id: string | null
    body_sealed: Buffer
    provider_id_sealed: Buffer | null
    created_at: Date
  }>(
    `select m.id, ci.contact_id, k.key_sealed, m.direction, m.author_id, m.body_sealed, m.provider_id_sealed, m.created_at
       from contact_identity ci
       left join keystore.contact_key k on k.contact_id = ci.contact_id
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
       join message m on m.conversation_id = c.id
      where ci.channel_id = $1 and ci.address_hash = $2 and m.direction in ('inbound', 'outbound')
        and c.ended_by_visitor_at is null
      order by m.seq
      limit 1000`,
    [channel.id, keyring.hashAddress(channel.helplineId, address)],
  )
  const [first] = rows
  if (!first) return []
  // one visitor, one person: one key
  const sealer = keyring.contact(channel.helplineId, first.contact_id, first.key_sealed)
  return rows.map((row) => ({
    id: row.id,
    // the widget's id of what the visitor sent: the part after the token's hash (widgetProviderMessageId)
    clientId:
      row.direction === 'inbound'
        ? (openProviderId(sealer, row.id, row.provider_id_sealed)?.split(':')[1] ?? null)
        : null,
    direction: row.direction,
    text: sealer.open(row.body_sealed, `message:${row.id}`),
    createdAt: row.created_at.toISOString(),
    fromLine: row.author_id !== null,
  }))
}
