// What a mediator reads of the conversation they are in: the person's messages and the replies,
// and the notes written since they joined (the operator's private exchange with them). Nothing of
// the person's other conversations, address or cases; every read is in the helpline's audit log.
import type { MediatedConversation, MediatedMessage, MessageView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { loadMessageViews } from '../messages/message-views.ts'
import { findMediatedConversation } from './mediation-access.ts'

/** A message as a mediator may see it: hidden messages and calls keep their place, not their content. */
export const toMediatedMessage = (message: MessageView): MediatedMessage & { conversationId: string } => ({
  id: message.id,
  conversationId: message.conversationId,
  direction: message.direction,
  text: message.hidden || message.call ? '' : message.text,
  createdAt: message.createdAt,
  author: message.author,
})

export async function readMediatedConversation(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  actor: Actor,
  conversationId: string,
): Promise<MediatedConversation> {
  const record = await findMediatedConversation(tx, actor, conversationId)
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'conversation.read',
    subjectType: 'conversation',
    subjectId: record.id,
    details: { asMediator: true },
  })
  const messages = await loadMessageViews(tx, services.keyring, {
    helplineId: record.helpline_id,
    conversationId: record.id,
  })
  const { rows } = await tx.query<{ display_name: string }>(
    'select display_name from app_user where id = $1',
    [record.assignee_id],
  )
  return {
    conversationId: record.id,
    language: record.language,
    status: record.status,
    operator: rows[0] ? { displayName: rows[0].display_name } : null,
    messages: messages
      .filter((m) => m.direction !== 'note' || new Date(m.createdAt) >= record.joined_at)
      .map(toMediatedMessage),
  }
}
