// A referral to a partner without Ascolto is handed over by the sender ("inviata per e-mail a …",
// "telefonata a …"): recorded with its time and who, shown on the referral and its sheet.
import type { ReferralHandoverBody, ReferralView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { announceReferralChange } from './announce-referral-change.ts'
import { findReferralForActor } from './find-referral.ts'
import { loadReferralView } from './referral-views.ts'

export async function recordReferralHandover(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  referralId: string,
  body: ReferralHandoverBody,
): Promise<ReferralView> {
  const { tx, services } = context
  const { referral, side, helplineId } = await findReferralForActor(tx, actor, referralId, { lock: true })
  requireRole(actor, helplineId, 'volunteer')
  if (side !== 'out' || referral.target_kind !== 'partner') {
    throw new AscoltoError(
      'ASCOLTO_ERR_REFERRAL_STATE',
      'Only a referral to a partner without Ascolto is handed over by hand',
    )
  }
  const recipient = body.recipient.trim()
  if (!recipient) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A hand-over names whom it went to')
  await tx.query(
    'insert into referral_handover (referral_id, method, recipient, by_user_id) values ($1, $2, $3, $4)',
    [referralId, body.method, recipient, actor.userId],
  )
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'referral.handed_over',
    subjectType: 'referral',
    subjectId: referralId,
    details: { method: body.method },
  })
  await announceReferralChange(context, referralId)
  return loadReferralView(tx, services.keyring, referralId, side)
}
