// A person is found by the keyed hash of their address on one channel; the address itself is
// stored sealed. The caller holds the per-address lock, so two first messages make one contact.
import { randomInt } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'

export async function findOrCreateContact(
  tx: Tx,
  keyring: Keyring,
  input: { helplineId: string; channelId: string; address: string; addressHash: Buffer },
): Promise<{ contactId: string; created: boolean; blocked: boolean }> {
  const found = await tx.query<{ contact_id: string; blocked: boolean }>(
    `select ci.contact_id,
            (c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now())) as blocked
       from contact_identity ci join contact c on c.id = ci.contact_id
      where ci.channel_id = $1 and ci.address_hash = $2`,
    [input.channelId, input.addressHash],
  )
  if (found.rows[0])
    return { contactId: found.rows[0].contact_id, created: false, blocked: found.rows[0].blocked }

  let contactId: string | undefined
  // "Persona #4821": random, retried on the rare clash with an existing pseudonym; the person and
  // their address on this door are written by one statement
  for (let attempt = 0; !contactId && attempt < 20; attempt++) {
    const inserted = await tx.query<{ contact_id: string }>(
      `with person as (
         insert into contact (helpline_id, pseudonym) values ($1, $2)
         on conflict (helpline_id, pseudonym) do nothing returning id)
       insert into contact_identity (contact_id, channel_id, address_hash, address_sealed)
       select id, $3, $4, $5 from person returning contact_id`,
      [
        input.helplineId,
        randomInt(1000, attempt < 10 ? 10_000 : 1_000_000),
        input.channelId,
        input.addressHash,
        keyring.seal(input.helplineId, input.address, `address:${input.channelId}`),
      ],
    )
    contactId = inserted.rows[0]?.contact_id
  }
  if (!contactId) throw new Error('No free pseudonym found')
  return { contactId, created: true, blocked: false }
}
