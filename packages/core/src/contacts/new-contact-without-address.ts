// A person known to the helpline with no address on any door (a contact logged by hand, a person a
// referral brought): a new pseudonym and their own data key.
import { randomInt, randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'

export async function newContactWithoutAddress(tx: Tx, keyring: Keyring, helplineId: string) {
  const contactId = randomUUID()
  for (let attempt = 0; attempt < 20; attempt++) {
    const chosen = randomInt(1000, attempt < 10 ? 10_000 : 1_000_000)
    const inserted = await tx.query(
      `with person as (
         insert into contact (id, helpline_id, pseudonym) values ($1, $2, $3)
         on conflict (helpline_id, pseudonym) do nothing returning id)
       insert into keystore.contact_key (contact_id, key_sealed) select id, $4 from person`,
      [contactId, helplineId, chosen, keyring.newContactKey(helplineId, contactId)],
    )
    if (inserted.rowCount === 1) return { contactId, pseudonym: chosen }
  }
  throw new Error('No free pseudonym found')
}
