import type { ReviewView } from '@ascolto/protocol'
import { type Actor, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'
import { loadReviews } from './review-views.ts'

/**
 * For a supervisor: the reviews waiting in the helplines they supervise (oldest first), then
 * those signed off. For a volunteer: the reviews of the conversations they handled, with feedback.
 */
export async function listReviews(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
): Promise<ReviewView[]> {
  const helplineIds = helplineIdsOf(actor)
  const supervised = helplineIds.filter((id) => isSupervising(actor, id))
  const volunteered = helplineIds.filter((id) => !isSupervising(actor, id))
  return [
    ...(supervised.length ? await loadReviews(tx, services.keyring, { helplineIds: supervised }) : []),
    ...(volunteered.length
      ? await loadReviews(tx, services.keyring, { helplineIds: volunteered, handlerId: actor.userId })
      : []),
  ]
}

/** The review of one conversation, for its supervisors and whoever handled it; none: null. */
export async function getReview(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ReviewView | null> {
  const record = await findConversationForActor(tx, actor, conversationId)
  if (!isSupervising(actor, record.helpline_id) && record.assignee_id !== actor.userId) return null
  const [review] = await loadReviews(tx, services.keyring, {
    helplineIds: [record.helpline_id],
    conversationId: record.id,
  })
  return review ?? null
}
