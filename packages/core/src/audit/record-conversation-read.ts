import type { Queryable } from '@ascolto/db'
import { type Actor, helplineIdsOf } from '../context.ts'
import { recordAuditEvent } from './record-audit-event.ts'

/** What of a conversation a person opened: its messages, the person's other conversations, its flags and their reasons. */
export type ConversationRead = 'conversation.read' | 'conversation.history.read' | 'conversation.flags.read'

/**
 * A staff read of a conversation, in its helpline's log before anything is sent: written only for
 * a conversation inside the actor's wall (one outside answers "not found" and reads nothing).
 */
export async function recordConversationRead(
  db: Queryable,
  actor: Actor,
  conversationId: string,
  action: ConversationRead = 'conversation.read',
) {
  await db.query(
    `insert into audit_event (helpline_id, actor_id, action, subject_type, subject_id)
     select helpline_id, $2, $4, 'conversation', id from conversation
      where id = $1 and helpline_id = any($3::uuid[])`,
    [conversationId, actor.userId, helplineIdsOf(actor), action],
  )
}

/**
 * The previews (the first line of the person's newest message) a list showed: one line per
 * helpline naming the conversations, so a coordinator sees who glanced at what.
 */
export async function recordPreviewsRead(
  db: Queryable,
  actor: Actor,
  conversations: ReadonlyArray<{ id: string; helplineId: string; preview: string }>,
) {
  const byHelpline = new Map<string, string[]>()
  for (const { id, helplineId, preview } of conversations) {
    if (preview === '') continue
    byHelpline.set(helplineId, [...(byHelpline.get(helplineId) ?? []), id])
  }
  for (const [helplineId, conversationIds] of byHelpline) {
    await recordAuditEvent(db, {
      helplineId,
      actorId: actor.userId,
      action: 'conversations.previewed',
      subjectType: 'helpline',
      subjectId: helplineId,
      details: { conversationIds },
    })
  }
}
