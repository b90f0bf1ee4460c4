// A helpline's audit log, for its coordinators: newest first, a page at a time (by id).
import type { Queryable } from '@ascolto/db'
import type { AuditEventView } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'

export async function listAuditEvents(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; before?: number; limit?: number },
): Promise<AuditEventView[]> {
  requireRole(actor, input.helplineId, 'coordinator')
  const { rows } = await db.query<{
    id: string
    at: Date
    action: string
    actor_id: string | null
    actor_name: string | null
    subject_type: string
    subject_id: string | null
    details: Record<string, unknown>
  }>(
    `select a.id, a.at, a.action, a.actor_id, u.display_name as actor_name, a.subject_type, a.subject_id, a.details
       from audit_event a left join app_user u on u.id = a.actor_id
      where a.helpline_id = $1 and ($2::bigint is null or a.id < $2)
      order by a.id desc limit $3`,
    [input.helplineId, input.before ?? null, Math.min(input.limit ?? 100, 500)],
  )
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: r.details,
  }))
}
