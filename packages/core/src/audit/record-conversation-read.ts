import type { Queryable } from '@ascolto/db'
import { type Actor, helplineIdsOf } from '../context.ts'

/**
 * A staff read of a conversation, in its helpline's log before anything is sent: written only for
 * a conversation inside the actor's wall (one outside answers "not found" and reads nothing).
 */
export async function recordConversationRead(db: Queryable, actor: Actor, conversationId: string) {
  await db.query(
    `insert into audit_event (helpline_id, actor_id, action, subject_type, subject_id)
     select helpline_id, $2, 'conversation.read', 'conversation', id from conversation
      where id = $1 and helpline_id = any($3::uuid[])`,
    [conversationId, actor.userId, helplineIdsOf(actor)],
  )
}
