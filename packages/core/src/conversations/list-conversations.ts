import type { ConversationView, QueueQuery } from '@ascolto/protocol'
import { type Actor, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadConversationViews } from './conversation-views.ts'

/** The queue (waiting), everything being handled (open), or the actor's own (mine). */
export async function listConversations(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  query: QueueQuery,
): Promise<ConversationView[]> {
  let helplineIds = helplineIdsOf(actor)
  if (query.helplineId) {
    // the same answer whether that helpline exists or not
    if (!actor.roles.has(query.helplineId)) {
      throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'You are not a member of that helpline')
    }
    helplineIds = [query.helplineId]
  }
  const status = query.status ?? 'waiting'
  return loadConversationViews(tx, services.keyring, {
    helplineIds,
    status: status === 'mine' ? 'open' : status,
    assigneeId: status === 'mine' ? actor.userId : undefined,
  })
}
