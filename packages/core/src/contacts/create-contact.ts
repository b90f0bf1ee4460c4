// A person is found by the keyed hash of their address on one channel (the ingest's arrival
// statement reads them); the address itself is stored sealed under the person's own key, made
// with them. The caller holds the per-address lock, so two first messages make one contact. The
// people several messages of one transaction make are made in one statement.
import { randomInt, randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { statementBatches } from '../transactions/statement-batches.ts'

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
  const conversationId = await createTogether(tx, {
    contactId,
    helplineId: input.helplineId,
    wrappedKey,
    channelId: input.channelId,
    addressHash: input.addressHash,
    addressSealed: sealer.seal(input.address, `address:${input.channelId}`),
    erasedBlock: input.erasedBlock,
    conversation: input.conversation,
  })
  return { contactId, sealer, created: true, blocked: input.erasedBlock !== null, conversationId }
}

type NewPerson = {
  contactId: string
  helplineId: string
  wrappedKey: Buffer
  channelId: string
  addressHash: Buffer
  addressSealed: Buffer
  erasedBlock: { until: Date | null } | null
  conversation: NewConversation | null
}

// the people several messages of one transaction make, in one statement
// (transactions/statement-batches.ts); returns each one's first conversation
const createTogether = statementBatches<NewPerson, string | null>(async (tx, people) => {
  const made = new Map<NewPerson, string | null>()
  // "Persona #4821": random, drawn again for those whose pseudonym another person has or another
  // transaction is trying
  let left = people
  for (let attempt = 0; attempt < 20 && left.length > 0; attempt++) {
    const pseudonyms = left.map(() => randomInt(1000, attempt < 10 ? 10_000 : 1_000_000))
    const rows = await createRound(tx, left, pseudonyms)
    const byContact = new Map(rows.map((row) => [row.contact_id, row.conversation_id]))
    for (const person of left) {
      const conversationId = byContact.get(person.contactId)
      if (conversationId !== undefined) made.set(person, conversationId)
    }
    left = left.filter((person) => !made.has(person))
  }
  return people.map((person) =>
    made.has(person) ? (made.get(person) ?? null) : new Error('No free pseudonym found'),
  )
})

/** The people, their keys, their addresses on this door, a kept block moved and the first conversations. */
async function createRound(tx: Tx, people: readonly NewPerson[], pseudonyms: readonly number[]) {
  const { rows } = await tx.query<{ contact_id: string; conversation_id: string | null }>({
    // prepared once per connection (named): PostgreSQL plans it once, not at every message
    name: 'create-contacts',
    text: `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::bytea[], $5::uuid[], $6::bytea[], $7::bytea[],
                            $8::boolean[], $9::timestamptz[], $10::boolean[], $11::text[], $12::timestamptz[],
                            $13::timestamptz[], $14::timestamptz[])
         with ordinality as i(contact_id, helpline_id, pseudonym, key_sealed, channel_id, address_hash, address_sealed,
                              erased_blocked, blocked_until, with_conversation, status, closed_at, due_at, queued_at, n)),
     -- a pseudonym another transaction is trying is left to it, drawn again here: waiting for it
     -- while holding others that transaction may try next would be a deadlock
     person as (
       insert into contact (id, helpline_id, pseudonym, blocked_at, blocked_until)
       select contact_id, helpline_id, pseudonym, case when erased_blocked then now() end, blocked_until
         from input
        where pg_try_advisory_xact_lock(hashtextextended('pseudonym:' || helpline_id || ':' || pseudonym, 0))
        order by n
       on conflict (helpline_id, pseudonym) do nothing returning id),
     made as (select i.* from input i join person p on p.id = i.contact_id),
     key as (insert into keystore.contact_key (contact_id, key_sealed) select contact_id, key_sealed from made),
     door as (insert into contact_identity (contact_id, channel_id, address_hash, address_sealed)
              select contact_id, channel_id, address_hash, address_sealed from made),
     kept as (delete from erased_block b using made m
               where m.erased_blocked and b.channel_id = m.channel_id and b.address_hash = m.address_hash),
     first as (insert into conversation (helpline_id, contact_id, channel_id, status, closed_at, due_at, queued_at)
               select helpline_id, contact_id, channel_id, status, closed_at, due_at, queued_at
                 from made where with_conversation order by n returning id, contact_id)
     select m.contact_id, f.id as conversation_id from made m left join first f on f.contact_id = m.contact_id`,
    values: [
      people.map((p) => p.contactId),
      people.map((p) => p.helplineId),
      pseudonyms,
      people.map((p) => p.wrappedKey),
      people.map((p) => p.channelId),
      people.map((p) => p.addressHash),
      people.map((p) => p.addressSealed),
      people.map((p) => p.erasedBlock !== null),
      people.map((p) => p.erasedBlock?.until ?? null),
      people.map((p) => p.conversation !== null),
      people.map((p) => p.conversation?.status ?? null),
      people.map((p) => p.conversation?.closedAt ?? null),
      people.map((p) => p.conversation?.dueAt ?? null),
      people.map((p) => p.conversation?.queuedAt ?? null),
    ],
  })
  return rows
}
