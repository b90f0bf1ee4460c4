import type { ConversationView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor } from './find-conversation.ts'

/** Whoever handles a conversation asks a supervisor to join; every console of the helpline hears it. */
export async function requestSupervisor(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status !== 'open' || record.assignee_id !== actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_ASSIGNED', 'Take the conversation before asking for a supervisor')
  }
  await tx.query('update conversation set help_requested_at = now(), help_requested_by = $2 where id = $1', [
    record.id,
    actor.userId,
  ])
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'conversation.help_request',
    subjectType: 'conversation',
    subjectId: record.id,
  })
  const view = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!view) throw new Error('Conversation vanished while asking for help')
  afterCommit(() => {
    services.publisher.toConsoles(record.helpline_id, 'conversation.updated', view)
    services.publisher.toConsoles(record.helpline_id, 'help.requested', {
      conversationId: view.id,
      helplineId: view.helplineId,
      contactPseudonym: view.contactPseudonym,
      requestedBy: { id: actor.userId, displayName: actor.displayName },
    })
  })
  return view
}
