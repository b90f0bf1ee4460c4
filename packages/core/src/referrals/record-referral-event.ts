// One change of a referral's state, with its time and who made it, its facts and its audit line,
// then both sides told. Every path that moves a referral (sending, reading, deciding, setting by
// hand, a partner installation's report) ends here.
import type { ReferralRefusal, ReferralState } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { announceReferralChange } from './announce-referral-change.ts'
import { recordReferralFacts } from './record-referral-facts.ts'
import { queueRemoteReferral } from './remote.ts'

export async function recordReferralEvent(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  input: {
    referralId: string
    state: ReferralState
    refusalReason?: ReferralRefusal | null
    /** An operator of this installation and their helpline, or the installation that reported it. */
    by: { userId: string; helplineId: string } | { partnerId: string }
  },
) {
  const { tx } = context
  const { rows } = await tx.query<{ from_partner_id: string | null; target_kind: string }>(
    `update referral set state = $2, refusal_reason = $3, state_changed_at = now()
      where id = $1 returning from_partner_id, target_kind`,
    [input.referralId, input.state, input.refusalReason ?? null],
  )
  await tx.query(
    `insert into referral_event (referral_id, state, by_user_id, by_helpline_id, by_partner_id)
     values ($1, $2, $3, $4, $5)`,
    [
      input.referralId,
      input.state,
      'userId' in input.by ? input.by.userId : null,
      'userId' in input.by ? input.by.helplineId : null,
      'partnerId' in input.by ? input.by.partnerId : null,
    ],
  )
  await recordReferralFacts(tx, input.referralId)
  if ('userId' in input.by) {
    await recordAuditEvent(tx, {
      helplineId: input.by.helplineId,
      actorId: input.by.userId,
      action: `referral.${input.state}`,
      subjectType: 'referral',
      subjectId: input.referralId,
      details: input.refusalReason ? { refusalReason: input.refusalReason } : {},
    })
  }
  // the other installation hears what happens here: the referral itself, or its state going back
  const moved = rows[0]
  const remote =
    'userId' in input.by && (moved?.target_kind === 'installation' || moved?.from_partner_id !== null)
  if (remote) await queueRemoteReferral(context, input.referralId, input.state)
  await announceReferralChange(context, input.referralId)
}
