// A person is found by the keyed hash of their address on one channel (the ingest's arrival
// statement reads them); the address itself is stored sealed under the person's own key, made
// with them. The caller holds the per-address lock, so two first messages make one contact.
import { randomInt, randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'

export type Contact = { contactId: string; sealer: Sealer; created: boolean; blocked: boolean }

/** A person found by the hash of their address (messages/ingest-inbound-message.ts reads them). */
export function knownContact(
  keyring: Keyring,
  helplineId: string,
  row: { contactId: string; keySealed: Buffer | null; blocked: boolean },
): Contact {
  const sealer = keyring.contact(helplineId, row.contactId, row.keySealed)
  return { contactId: row.contactId, sealer, created: false, blocked: row.blocked }
}

/** A conversation about to be opened, as ingest decided it (waiting, or closed for a blocked person). */
export type NewConversation = {
  status: 'waiting' | 'closed'
  closedAt: Date | null
  dueAt: Date | null
  /** When the person began to wait for the line (statistics' time in queue): null if closed. */
  queuedAt: Date | null
}

/**
 * A person writing for the first time from this address, with their first conversation unless
 * none is wanted (null). Blocked where a block was kept from a person erased at this address
 * (the caller read it under the same lock): the block moves onto them.
 */
export async function createContact(
  tx: Tx,
  keyring: Keyring,
  input: {
    helplineId: string
    channelId: string
    address: string
    addressHash: Buffer
    erasedBlock: { until: Date | null } | null
    conversation: NewConversation | null
  },
): Promise<Contact & { conversationId: string | null }> {
  const contactId = randomUUID()
  const wrappedKey = keyring.newContactKey(input.helplineId, contactId)
  const sealer = keyring.contact(input.helplineId, contactId, wrappedKey)
  const { conversation } = input
  // "Persona #4821": random, retried on the rare clash with an existing pseudonym; the person,
  // their key, their address on this door, a kept block and the first conversation are written by
  // one statement
  for (let attempt = 0; attempt < 20; attempt++) {
    const inserted = await tx.query<{ conversation_id: string | null }>({
      // prepared once per connection (named): PostgreSQL plans it once, not at every message
      name: 'create-contact',
      text: `with person as (
         insert into contact (id, helpline_id, pseudonym, blocked_at, blocked_until)
         values ($1, $2, $3, case when $8 then now() end, $9)
         on conflict (helpline_id, pseudonym) do nothing returning id),
       key as (insert into keystore.contact_key (contact_id, key_sealed) select id, $4 from person),
       door as (insert into contact_identity (contact_id, channel_id, address_hash, address_sealed)
                select id, $5, $6, $7 from person),
       kept as (delete from erased_block where $8 and channel_id = $5 and address_hash = $6
                  and exists (select 1 from person)),
       first as (insert into conversation (helpline_id, contact_id, channel_id, status, closed_at, due_at, queued_at)
                 select $2, id, $5, $11::text, $12::timestamptz, $13::timestamptz, $14::timestamptz
                   from person where $10 returning id)
       select (select id from first) as conversation_id from person`,
      values: [
        contactId,
        input.helplineId,
        randomInt(1000, attempt < 10 ? 10_000 : 1_000_000),
        wrappedKey,
        input.channelId,
        input.addressHash,
        sealer.seal(input.address, `address:${input.channelId}`),
        input.erasedBlock !== null,
        input.erasedBlock?.until ?? null,
        conversation !== null,
        conversation?.status ?? null,
        conversation?.closedAt ?? null,
        conversation?.dueAt ?? null,
        conversation?.queuedAt ?? null,
      ],
    })
    const row = inserted.rows[0]
    if (row) {
      const blocked = input.erasedBlock !== null
      return { contactId, sealer, created: true, blocked, conversationId: row.conversation_id }
    }
  }
  throw new Error('No free pseudonym found')
}
