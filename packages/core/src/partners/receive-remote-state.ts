// A state of a referral this helpline sent to a partner installation, reported back by it (its
// signature already accepted): accepted, taken in charge, closed, or refused with a reason and an
// explanation. Only the partner the referral went to may report on it; a state out of order is
// refused (409), the same state again (a retry after a lost answer) is acknowledged once.
import type { RemoteStateBody } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import type { ReferralRecord } from '../referrals/find-referral.ts'
import { recordReferralEvent } from '../referrals/record-referral-event.ts'
import { storeRefusalNote } from '../referrals/referral-packet.ts'
import { canMove } from '../referrals/referral-rules.ts'
import type { SendingPartner } from './accept-signed-request.ts'

export async function receiveRemoteState(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  partner: SendingPartner,
  input: { referralId: string; body: RemoteStateBody },
): Promise<'stored' | 'known'> {
  const { tx, services } = context
  const { body } = input
  if ((body.state === 'refused') !== (body.refusalReason !== undefined)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A refusal, and only a refusal, has a reason')
  }
  if (body.refusalNote !== undefined && body.state !== 'refused') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Only a refusal has an explanation')
  }
  const { rows } = await tx.query<Pick<ReferralRecord, 'state'>>(
    `select state from referral
      where id = $1 and target_kind = 'installation' and to_partner_id = $2 and from_helpline_id = $3
      for update`,
    [input.referralId, partner.id, partner.helplineId],
  )
  const referral = rows[0]
  if (!referral) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Referral not found')
  if (referral.state === body.state) return 'known'
  if (!canMove(referral.state, body.state)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_REFERRAL_STATE',
      `A referral ${referral.state} cannot become ${body.state}`,
    )
  }
  if (body.refusalNote) await storeRefusalNote(tx, services.keyring, input.referralId, body.refusalNote)
  await recordReferralEvent(context, {
    referralId: input.referralId,
    state: body.state,
    refusalReason: body.refusalReason ?? null,
    by: { partnerId: partner.id },
  })
  return 'stored'
}
