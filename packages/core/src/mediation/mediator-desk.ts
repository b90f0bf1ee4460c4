// The mediator's console: their title, the requests of their languages still waiting for a
// mediator, and the conversations they are in. A request names the language and the helpline,
// nothing of the person.
import type { Queryable } from '@ascolto/db'
import type { MediatorDesk, MediatorTitle } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { requireMediator } from './mediation-access.ts'

export async function describeMediatorDesk(db: Queryable, actor: Actor): Promise<MediatorDesk> {
  requireMediator(actor)
  const helplineIds = [...(actor.mediatorOf ?? [])]
  const title = await db.query<{ mediator_title: MediatorTitle }>(
    'select mediator_title from app_user where id = $1',
    [actor.userId],
  )
  const requests = await db.query<{ id: string; name: string; language: string; requested_at: Date }>(
    `select md.id, h.name, md.language, md.requested_at
       from mediation md
       join helpline h on h.id = md.helpline_id
       join conversation c on c.id = md.conversation_id
      where md.helpline_id = any($1::uuid[]) and md.ended_at is null and md.mediator_id is null
        and c.status <> 'closed'
        and exists (select 1 from call_mediator cm
                     where cm.helpline_id = md.helpline_id and cm.user_id = $2 and cm.removed_at is null
                       and md.language = any(cm.languages))
      order by md.requested_at`,
    [helplineIds, actor.userId],
  )
  const joined = await db.query<{ conversation_id: string; name: string; language: string; joined_at: Date }>(
    `select md.conversation_id, h.name, md.language, md.joined_at
       from mediation md
       join helpline h on h.id = md.helpline_id
       join conversation c on c.id = md.conversation_id
      where md.mediator_id = $1 and md.ended_at is null and c.status <> 'closed'
        and md.helpline_id = any($2::uuid[])
      order by md.joined_at`,
    [actor.userId, helplineIds],
  )
  return {
    title: title.rows[0]?.mediator_title ?? 'mediatore',
    requests: requests.rows.map((r) => ({
      id: r.id,
      helplineName: r.name,
      language: r.language,
      requestedAt: r.requested_at.toISOString(),
    })),
    conversations: joined.rows.map((r) => ({
      conversationId: r.conversation_id,
      helplineName: r.name,
      language: r.language,
      joinedAt: r.joined_at.toISOString(),
    })),
  }
}

/** The mediator's own choice of how they sign to people. */
export async function setMediatorTitle(db: Queryable, actor: Actor, title: MediatorTitle) {
  requireMediator(actor)
  await db.query('update app_user set mediator_title = $2 where id = $1', [actor.userId, title])
}

/** The conversation ids a mediator's console socket follows from the start (socket-server.ts). */
export async function mediatedConversationIds(db: Queryable, actor: Actor) {
  if (!actor.mediatorOf?.size) return []
  const { rows } = await db.query<{ conversation_id: string }>(
    `select conversation_id from mediation
      where mediator_id = $1 and ended_at is null and joined_at is not null and helpline_id = any($2::uuid[])`,
    [actor.userId, [...actor.mediatorOf]],
  )
  return rows.map((r) => r.conversation_id)
}
