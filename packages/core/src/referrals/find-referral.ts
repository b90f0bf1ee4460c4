// The wall around a referral: it belongs to the helpline that sent it and to the one that receives
// it; for anyone else it is "not found", as an id that does not exist.
import type { ReferralState, ReferralUrgency } from '@ascolto/protocol'
import { type Actor, helplineIdsOf, type Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import type { ReferralTargetKind } from './referral-rules.ts'

export type ReferralRecord = {
  id: string
  from_helpline_id: string | null
  from_partner_id: string | null
  target_kind: ReferralTargetKind
  to_helpline_id: string | null
  to_partner_id: string | null
  state: ReferralState
  urgency: ReferralUrgency
  case_id: string | null
  conversation_id: string | null
  to_case_id: string | null
  created_at: Date
}

/** The reader's side: 'in' where they belong to the receiving helpline, else 'out'. */
export type ReferralSide = 'in' | 'out'

export async function findReferralForActor(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  referralId: string,
  options: { lock?: boolean } = {},
): Promise<{ referral: ReferralRecord; side: ReferralSide; helplineId: string }> {
  const { rows } = await tx.query<ReferralRecord>(
    `select id, from_helpline_id, from_partner_id, target_kind, to_helpline_id, to_partner_id, state,
            urgency, case_id, conversation_id, to_case_id, created_at
       from referral
      where id = $1 and (from_helpline_id = any($2::uuid[]) or to_helpline_id = any($2::uuid[]))
      ${options.lock ? 'for update' : ''}`,
    [referralId, helplineIdsOf(actor)],
  )
  const referral = rows[0]
  if (!referral) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Referral not found')
  const side: ReferralSide =
    referral.to_helpline_id && actor.roles.has(referral.to_helpline_id) ? 'in' : 'out'
  const helplineId = (side === 'in' ? referral.to_helpline_id : referral.from_helpline_id) as string
  return { referral, side, helplineId }
}
