// What the receiving service reads about the person (the reason, languages, what they agreed to
// share, addresses revealed under the audited rules) and a refusal's explanation: sealed under
// the key of the person it is about (referral_packet.contact_id), so it goes with them.

import type { Queryable } from '@ascolto/db'
import type { ReferralPacket } from '@ascolto/protocol'
import type { Keyring, Sealer } from '../crypto/keyring.ts'

const packetContext = (referralId: string) => `referral:${referralId}:packet`
const refusalContext = (referralId: string) => `referral:${referralId}:refusal`

export async function storePacket(
  db: Queryable,
  sealer: Sealer,
  input: { referralId: string; contactId: string; packet: ReferralPacket },
) {
  await db.query(
    `insert into referral_packet (referral_id, contact_id, packet_sealed, address_included)
     values ($1, $2, $3, $4)`,
    [
      input.referralId,
      input.contactId,
      sealer.seal(JSON.stringify(input.packet), packetContext(input.referralId)),
      input.packet.addresses.length > 0,
    ],
  )
}

/** Seals the receiving side's explanation of a refusal beside the packet (none once erased). */
export async function storeRefusalNote(db: Queryable, keyring: Keyring, referralId: string, note: string) {
  const opened = await packetSealer(db, keyring, referralId)
  if (!opened) return
  await db.query('update referral_packet set refusal_note_sealed = $2 where referral_id = $1', [
    referralId,
    opened.sealer.seal(note, refusalContext(referralId)),
  ])
}

async function packetSealer(db: Queryable, keyring: Keyring, referralId: string) {
  const { rows } = await db.query<{
    contact_id: string
    helpline_id: string
    key_sealed: Buffer | null
    packet_sealed: Buffer
    refusal_note_sealed: Buffer | null
  }>(
    `select p.contact_id, c.helpline_id, k.key_sealed, p.packet_sealed, p.refusal_note_sealed
       from referral_packet p join contact c on c.id = p.contact_id
       left join keystore.contact_key k on k.contact_id = p.contact_id
      where p.referral_id = $1`,
    [referralId],
  )
  const row = rows[0]
  if (!row?.key_sealed) return null
  return { row, sealer: keyring.contact(row.helpline_id, row.contact_id, row.key_sealed) }
}

/** The packet and the refusal's explanation, opened; null once the person was erased. */
export async function openPacket(db: Queryable, keyring: Keyring, referralId: string) {
  const opened = await packetSealer(db, keyring, referralId)
  if (!opened) return null
  const { row, sealer } = opened
  return {
    packet: JSON.parse(sealer.open(row.packet_sealed, packetContext(referralId))) as ReferralPacket,
    refusalNote: row.refusal_note_sealed
      ? sealer.open(row.refusal_note_sealed, refusalContext(referralId))
      : null,
  }
}

/**
 * Erasing a person on the receiving side (the person of a case a referral opened) takes the
 * packet that brought them too; on the sending side it goes with its person (cascade).
 */
export async function forgetReferredPerson(db: Queryable, contactId: string) {
  await db.query(
    `delete from referral_packet where referral_id in (
       select r.id from referral r join case_member m on m.case_id = r.to_case_id where m.contact_id = $1)`,
    [contactId],
  )
}
