import type { ConversationView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'

/** Closed by whoever handles it, or by a supervisor; the person's next message opens a new one. */
export async function closeConversation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status === 'closed') throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'Already closed')
  if (record.assignee_id !== actor.userId && !isSupervising(actor, record.helpline_id)) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_ASSIGNED', 'Only whoever handles the conversation can close it')
  }
  await tx.query(`update conversation set status = 'closed', closed_at = now() where id = $1`, [record.id])
  const view = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!view) throw new Error('Conversation vanished while closing it')
  afterCommit(() => services.publisher.toConsoles(record.helpline_id, 'conversation.updated', view))
  return view
}
