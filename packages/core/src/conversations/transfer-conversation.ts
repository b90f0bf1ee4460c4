import type { ConversationView, MessageView, TransferBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { insertNote } from './add-note.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'

/**
 * Hands a conversation to a colleague of the same helpline (a volunteer or a supervisor), with a
 * note for them. Whoever handles it may transfer it; a supervisor may also take it over (to
 * themselves) or reassign it. The note is a private one, kind 'transfer'.
 */
export async function transferConversation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  body: TransferBody,
): Promise<{ conversation: ConversationView; note: MessageView }> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status === 'closed')
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'The conversation is closed')
  const supervising = isSupervising(actor, record.helpline_id)
  if (record.assignee_id !== actor.userId && !supervising) {
    throw new AscoltoError(
      'ASCOLTO_ERR_NOT_ASSIGNED',
      'Only whoever handles the conversation can transfer it',
    )
  }
  const target = await tx.query<{ display_name: string }>(
    `select u.display_name from membership m join app_user u on u.id = m.user_id
      where m.user_id = $1 and m.helpline_id = $2 and u.deactivated_at is null`,
    [body.toUserId, record.helpline_id],
  )
  const targetName = target.rows[0]?.display_name
  if (!targetName) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'toUserId: not a member of this helpline')
  if (body.toUserId === record.assignee_id) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'toUserId: already handles the conversation')
  }
  // a supervisor taking it over has joined: the call for help is answered
  await tx.query(
    `update conversation set status = 'open', assignee_id = $2, read_seq = 0,
            help_requested_at = case when $3 then null else help_requested_at end,
            help_requested_by = case when $3 then null else help_requested_by end
      where id = $1`,
    [record.id, body.toUserId, body.toUserId === actor.userId || supervising],
  )
  const noteText = body.note.trim() ? `→ ${targetName}: ${body.note.trim()}` : `→ ${targetName}`
  const noteId = await insertNote(tx, services, {
    ...record,
    authorId: actor.userId,
    text: noteText,
    kind: 'transfer',
  })
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'conversation.transfer',
    subjectType: 'conversation',
    subjectId: record.id,
    details: { from: record.assignee_id, to: body.toUserId },
  })
  const note = await loadMessageView(tx, services.keyring, record.helpline_id, noteId)
  const conversation = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!conversation) throw new Error('Conversation vanished while transferring it')
  afterCommit(() => {
    services.publisher.toConsoles(record.helpline_id, 'message.created', note)
    services.publisher.toConsoles(record.helpline_id, 'conversation.updated', conversation)
  })
  return { conversation, note }
}
