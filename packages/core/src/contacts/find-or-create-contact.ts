// A person is found by the keyed hash of their address on one channel; the address itself is
// stored sealed under the person's own key, made with them. The caller holds the per-address
// lock, so two first messages make one contact.
import { randomInt, randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { restoreErasedBlock } from './erased-blocks.ts'

export async function findOrCreateContact(
  tx: Tx,
  keyring: Keyring,
  input: { helplineId: string; channelId: string; address: string; addressHash: Buffer },
): Promise<{ contactId: string; sealer: Sealer; created: boolean; blocked: boolean }> {
  const found = await tx.query<{ contact_id: string; key_sealed: Buffer | null; blocked: boolean }>(
    `select ci.contact_id, k.key_sealed,
            (c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now())) as blocked
       from contact_identity ci join contact c on c.id = ci.contact_id
       left join keystore.contact_key k on k.contact_id = c.id
      where ci.channel_id = $1 and ci.address_hash = $2`,
    [input.channelId, input.addressHash],
  )
  const row = found.rows[0]
  if (row) {
    const sealer = keyring.contact(input.helplineId, row.contact_id, row.key_sealed)
    return { contactId: row.contact_id, sealer, created: false, blocked: row.blocked }
  }

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
