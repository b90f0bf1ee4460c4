import type { ReviewView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { findConversationForActor, isSupervising, sealerOf } from './find-conversation.ts'
import { loadReviews } from './review-views.ts'

/**
 * "Please look at this one": whoever handled a closed conversation asks a supervisor's review,
 * with a word on why. Asking again changes nothing once asked.
 */
export async function requestReview(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  conversationId: string,
  note: string,
): Promise<ReviewView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status !== 'closed') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A review is asked for a closed conversation')
  }
  if (record.assignee_id !== actor.userId && !isSupervising(actor, record.helpline_id)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_NOT_ASSIGNED',
      'Only whoever handled the conversation asks its review',
    )
  }
  const text = note.trim()
  await tx.query(
    `insert into conversation_review (conversation_id, helpline_id, requested_by, cause, request_sealed)
     values ($1, $2, $3, 'volunteer', $4) on conflict (conversation_id) do nothing`,
    [
      record.id,
      record.helpline_id,
      actor.userId,
      text ? sealerOf(services.keyring, record).seal(text, `review:${record.id}:request`) : null,
    ],
  )
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'review.request',
    subjectType: 'conversation',
    subjectId: record.id,
  })
  const [review] = await loadReviews(tx, services.keyring, {
    helplineIds: [record.helpline_id],
    conversationId: record.id,
  })
  if (!review) throw new Error('Review vanished while asking for it')
  return review
}

/** The helpline's rule: at close, a conversation with a safeguarding flag goes to review. */
export async function queueFlaggedForReview(tx: Tx, conversation: { id: string; helplineId: string }) {
  await tx.query(
    `insert into conversation_review (conversation_id, helpline_id, cause)
     select $1, $2, 'flagged' where exists (select 1 from safeguarding_flag where conversation_id = $1)
     on conflict (conversation_id) do nothing`,
    [conversation.id, conversation.helplineId],
  )
}
