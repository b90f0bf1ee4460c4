import type { Queryable } from '@ascolto/db'
import { sealAuditReason, type TypedReason } from './audit-reasons.ts'

/**
 * One line of the helpline's audit trail: who did what to which subject. Ids only, never content;
 * the reason staff typed, if any, sealed (audit-reasons.ts). Answers its id.
 */
export async function recordAuditEvent(
  db: Queryable,
  event: {
    helplineId: string | null
    actorId: string | null
    action: string
    subjectType: string
    subjectId?: string | null
    details?: Record<string, unknown>
    reason?: TypedReason
  },
) {
  // the sealed reason is bound to its row: the id is taken first (the table is append-only)
  let id: string | null = null
  let sealed: Buffer | null = null
  if (event.reason) {
    const { rows } = await db.query<{ id: string }>(
      `select nextval(pg_get_serial_sequence('audit_event', 'id'))::text as id`,
    )
    id = rows[0]?.id ?? null
    if (id)
      sealed = sealAuditReason(event.reason.keyring, { id, helpline_id: event.helplineId }, event.reason.text)
  }
  const { rows } = await db.query<{ id: string }>(
    `insert into audit_event (id, helpline_id, actor_id, action, subject_type, subject_id, details, reason_sealed)
     overriding system value
     values (coalesce($1::bigint, nextval(pg_get_serial_sequence('audit_event', 'id'))), $2, $3, $4, $5, $6, $7, $8)
     returning id`,
    [
      id,
      event.helplineId,
      event.actorId,
      event.action,
      event.subjectType,
      event.subjectId ?? null,
      event.details ?? {},
      sealed,
    ],
  )
  return rows[0]?.id as string
}
