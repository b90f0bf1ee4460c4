// A referral moves on: the receiving helpline receives, accepts (a case opens on its side),
// refuses with a reason, takes in charge and closes; for a partner without Ascolto the sender sets
// the state by hand as the partner tells them. A state out of order is refused (409), as is a
// change the other side makes; each change is timed, signed and seen by both sides at once.
import type { ReferralStateBody, ReferralView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { findReferralForActor } from './find-referral.ts'
import { openReferredCase } from './open-referred-case.ts'
import { recordReferralEvent } from './record-referral-event.ts'
import { storeRefusalNote } from './referral-packet.ts'
import { canMove, whoSets } from './referral-rules.ts'
import { loadReferralView } from './referral-views.ts'

export async function changeReferralState(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  referralId: string,
  body: ReferralStateBody,
): Promise<ReferralView> {
  const { tx, services } = context
  const { referral, side, helplineId } = await findReferralForActor(tx, actor, referralId, { lock: true })
  requireRole(actor, helplineId, 'volunteer')
  const setter = whoSets(referral.target_kind)
  if (!((setter === 'receiver' && side === 'in') || (setter === 'sender' && side === 'out'))) {
    throw new AscoltoError(
      'ASCOLTO_ERR_REFERRAL_STATE',
      setter === 'remote'
        ? 'The other installation reports this state'
        : 'The receiving service sets this state',
    )
  }
  if (!canMove(referral.state, body.state)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_REFERRAL_STATE',
      `A referral ${referral.state} cannot become ${body.state}`,
    )
  }
  if ((body.state === 'refused') !== (body.refusalReason !== undefined)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A refusal, and only a refusal, has a reason')
  }
  if (body.refusalNote !== undefined && body.state !== 'refused') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Only a refusal has an explanation')
  }
  if (body.state === 'accepted' && setter === 'receiver') {
    const title = body.caseTitle?.trim() || (await senderName(tx, referralId))
    await openReferredCase(context, actor, { referralId, helplineId, title })
  }
  if (body.refusalNote?.trim())
    await storeRefusalNote(tx, services.keyring, referralId, body.refusalNote.trim())
  await recordReferralEvent(context, {
    referralId,
    state: body.state,
    refusalReason: body.refusalReason ?? null,
    by: { userId: actor.userId, helplineId },
  })
  return loadReferralView(tx, services.keyring, referralId, side)
}

async function senderName(tx: Tx, referralId: string) {
  const { rows } = await tx.query<{ name: string | null }>(
    'select h.name from referral r left join helpline h on h.id = r.from_helpline_id where r.id = $1',
    [referralId],
  )
  return rows[0]?.name ?? '—'
}
