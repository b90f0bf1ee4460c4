// Reading a referral opens the packet: audited. A case's referral is read on the sending side by
// those who read the case (its team, supervisors, coordinators); a received one by the receiving
// helpline. The first read on the receiving side is its arrival: 'received', both sides told.
import type { ReferralView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { findCaseForActor } from '../cases/find-case.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findReferralForActor } from './find-referral.ts'
import { recordReferralEvent } from './record-referral-event.ts'
import { whoSets } from './referral-rules.ts'
import { loadReferralView } from './referral-views.ts'

export async function getReferral(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  referralId: string,
): Promise<ReferralView> {
  const { tx, services } = context
  const { referral, side, helplineId } = await findReferralForActor(tx, actor, referralId, { lock: true })
  if (side === 'out' && referral.case_id) await findCaseForActor(tx, actor, referral.case_id)
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'referral.read',
    subjectType: 'referral',
    subjectId: referralId,
  })
  if (side === 'in' && referral.state === 'sent' && whoSets(referral.target_kind) === 'receiver') {
    await recordReferralEvent(context, {
      referralId,
      state: 'received',
      by: { userId: actor.userId, helplineId },
    })
  }
  return loadReferralView(tx, services.keyring, referralId, side)
}
