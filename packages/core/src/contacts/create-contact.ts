// A person is found by the keyed hash of their address on one channel (the ingest's arrival
// statement reads them); the address itself is stored sealed under the person's own key, made
// with them. The caller holds the per-address lock, so two first messages make one contact.
import { randomInt, randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { restoreErasedBlock } from './erased-blocks.ts'

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

/** A person writing for the first time from this address. */
export async function createContact(
  tx: Tx,
  keyring: Keyring,
  input: { helplineId: string; channelId: string; address: string; addressHash: Buffer },
): Promise<Contact> {
  const contactId = randomUUID()
  const wrappedKey = keyring.newContactKey(input.helplineId, contactId)
  const sealer = keyring.contact(input.helplineId, contactId, wrappedKey)
  // "Persona #4821": random, retried on the rare clash with an existing pseudonym; the person,
  // their key and their address on this door are written by one statement
  for (let attempt = 0; attempt < 20; attempt++) {
    const inserted = await tx.query(
      `with person as (
         insert into contact (id, helpline_id, pseudonym) values ($1, $2, $3)
         on conflict (helpline_id, pseudonym) do nothing returning id),
       key as (insert into keystore.contact_key (contact_id, key_sealed) select id, $4 from person)
       insert into contact_identity (contact_id, channel_id, address_hash, address_sealed)
       select id, $5, $6, $7 from person`,
      [
        contactId,
        input.helplineId,
        randomInt(1000, attempt < 10 ? 10_000 : 1_000_000),
        wrappedKey,
        input.channelId,
        input.addressHash,
        sealer.seal(input.address, `address:${input.channelId}`),
      ],
    )
    if (inserted.rowCount === 1) {
      const blocked = await restoreErasedBlock(tx, { contactId, ...input })
      return { contactId, sealer, created: true, blocked }
    }
  }
  throw new Error('No free pseudonym found')
}
