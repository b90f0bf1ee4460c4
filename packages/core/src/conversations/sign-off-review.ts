import type { ReviewView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { findConversationForActor, sealerOf } from './find-conversation.ts'
import { loadReviews } from './review-views.ts'

/** A supervisor writes the feedback on a reviewed conversation and signs it off; the volunteer reads it. */
export async function signOffReview(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  conversationId: string,
  feedback: string,
): Promise<ReviewView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  requireRole(actor, record.helpline_id, 'supervisor')
  const { rowCount } = await tx.query(
    `update conversation_review set reviewer_id = $2, feedback_sealed = $3, signed_off_at = now()
      where conversation_id = $1 and signed_off_at is null`,
    [
      record.id,
      actor.userId,
      sealerOf(services.keyring, record).seal(feedback.trim(), `review:${record.id}:feedback`),
    ],
  )
  if (!rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No review waiting for this conversation')
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'review.sign_off',
    subjectType: 'conversation',
    subjectId: record.id,
  })
  const [review] = await loadReviews(tx, services.keyring, {
    helplineIds: [record.helpline_id],
    conversationId: record.id,
  })
  if (!review) throw new Error('Review vanished while signing it off')
  return review
}
