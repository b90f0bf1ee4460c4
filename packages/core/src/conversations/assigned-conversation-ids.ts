import type { Queryable } from '@ascolto/db'
import { type Actor, helplineIdsOf } from '../context.ts'

/** The conversations still going that are assigned to the operator: their console follows them. */
export async function assignedConversationIds(db: Queryable, actor: Actor): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from conversation
      where assignee_id = $1 and status <> 'closed' and helpline_id = any($2::uuid[])`,
    [actor.userId, helplineIdsOf(actor)],
  )
  return rows.map((row) => row.id)
}
