import type { Queryable } from '@ascolto/db'
import type { MediationView, MediatorTitle } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'

/** The open mediation of each conversation (asked for, or with its mediator), as the staff see it. */
export async function loadMediationViews(
  db: Queryable,
  conversationIds: readonly string[],
): Promise<MediationView[]> {
  const { rows } = await db.query<{
    id: string
    conversation_id: string
    language: string
    requested_at: Date
    mediator_id: string | null
    display_name: string | null
    mediator_title: MediatorTitle | null
    joined_at: Date | null
  }>(
    `select md.id, md.conversation_id, md.language, md.requested_at, md.mediator_id, u.display_name,
            u.mediator_title, md.joined_at
       from mediation md left join app_user u on u.id = md.mediator_id
      where md.conversation_id = any($1::uuid[]) and md.ended_at is null`,
    [conversationIds],
  )
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    language: row.language,
    requestedAt: row.requested_at.toISOString(),
    mediator:
      row.mediator_id && row.joined_at
        ? {
            id: row.mediator_id,
            displayName: row.display_name ?? '',
            title: row.mediator_title ?? 'mediatore',
            joinedAt: row.joined_at.toISOString(),
          }
        : null,
  }))
}

/** A conversation's mediation, for any staff member who may read the conversation. */
export async function getConversationMediation(db: Queryable, actor: Actor, conversationId: string) {
  const record = await findConversationForActor(db, actor, conversationId)
  const [mediation] = await loadMediationViews(db, [record.id])
  return { mediation: mediation ?? null }
}
