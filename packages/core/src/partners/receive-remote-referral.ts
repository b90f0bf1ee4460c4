// A referral from a partner installation, its signature already accepted (accept-signed-request.ts):
// it enters the receiving helpline's incoming queue as a referral from that partner, for a person
// new to this helpline (a pseudonym and their own key, no address on any door), the packet sealed
// under that person's key. The same referral posted again (the sender's retry after a lost answer)
// is acknowledged and stored once.
import { randomUUID } from 'node:crypto'
import type { RemoteReferralBody } from '@ascolto/protocol'
import { newContactWithoutAddress } from '../contacts/new-contact-without-address.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { recordReferralEvent } from '../referrals/record-referral-event.ts'
import { storePacket } from '../referrals/referral-packet.ts'
import type { SendingPartner } from './accept-signed-request.ts'

export async function receiveRemoteReferral(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  partner: SendingPartner,
  body: RemoteReferralBody,
): Promise<'stored' | 'known'> {
  const { tx, services } = context
  const id = randomUUID()
  const inserted = await tx.query(
    `insert into referral (id, from_partner_id, remote_id, target_kind, to_helpline_id, urgency,
                           consent_given_at, consent_given_by)
     values ($1, $2, $3, 'helpline', $4, $5, $6, $7)
     on conflict (from_partner_id, remote_id) where remote_id is not null do nothing`,
    [id, partner.id, body.id, partner.helplineId, body.urgency, body.consent.givenAt, body.consent.givenBy],
  )
  if (inserted.rowCount !== 1) return 'known'
  const { contactId } = await newContactWithoutAddress(tx, services.keyring, partner.helplineId)
  const { rows } = await tx.query<{ key_sealed: Buffer }>(
    'select key_sealed from keystore.contact_key where contact_id = $1',
    [contactId],
  )
  const sealer = services.keyring.contact(partner.helplineId, contactId, rows[0]?.key_sealed ?? null)
  await storePacket(tx, sealer, { referralId: id, contactId, packet: body.packet })
  await recordReferralEvent(context, { referralId: id, state: 'received', by: { partnerId: partner.id } })
  return 'stored'
}
