// Moderation: a message that breaks the helpline's policy is hidden and marked "not answered"
// with its category. Volunteers no longer see its text; supervisors do, with the reason. Only the
// volunteer the conversation is assigned to, or a supervisor, hides.
import type { HideReason, MessageView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { type Actor, type AfterCommit, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { requireAssignedOrSupervisor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadMessageView } from './message-views.ts'

export async function hideMessage(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  messageId: string,
  reason: HideReason,
): Promise<MessageView> {
  const { rows } = await tx.query<{ helpline_id: string; direction: string; assignee_id: string | null }>(
    `select m.helpline_id, m.direction, c.assignee_id
       from message m join conversation c on c.id = m.conversation_id
      where m.id = $1 and m.helpline_id = any($2::uuid[]) for update of m`,
    [messageId, helplineIdsOf(actor)],
  )
  const message = rows[0]
  if (!message) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Message not found')
  requireAssignedOrSupervisor(actor, message)
  if (message.direction !== 'inbound') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Only messages from people can be hidden')
  }
  await tx.query(
    `update message set hidden_at = coalesce(hidden_at, now()), hidden_reason = $2, hidden_by = $3 where id = $1`,
    [messageId, reason, actor.userId],
  )
  await recordAuditEvent(tx, {
    helplineId: message.helpline_id,
    actorId: actor.userId,
    action: 'message.hide',
    subjectType: 'message',
    subjectId: messageId,
    details: { reason },
  })
  // what every console may receive: the hidden form, without the text
  const shared = await loadMessageView(tx, services.keyring, message.helpline_id, messageId)
  afterCommit(() => services.publisher.toConsoles(message.helpline_id, 'message.updated', shared))
  return shared
}
