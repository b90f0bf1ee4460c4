import type { Queryable } from '@ascolto/db'

/** One line of the helpline's audit trail: who did what to which subject. Ids only, never content. Answers its id. */
export async function recordAuditEvent(
  db: Queryable,
  event: {
    helplineId: string | null
    actorId: string | null
    action: string
    subjectType: string
    subjectId?: string | null
    details?: Record<string, unknown>
  },
) {
  const { rows } = await db.query<{ id: string }>(
    `insert into audit_event (helpline_id, actor_id, action, subject_type, subject_id, details)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      event.helplineId,
      event.actorId,
      event.action,
      event.subjectType,
      event.subjectId ?? null,
      event.details ?? {},
    ],
  )
  return rows[0]?.id as string
}
