// The audit log's own retention: a helpline's rows older than its years (settings:
// retention.auditYears, 5 by default) are deleted, and only how many there were, by month and
// action, stays in audit_count. The table refuses deletes to anyone but this job, and any row
// younger than a year (migration 0035): the cut-off is never later than the database's own clock,
// whatever time the job is told it is.
import type { Tx } from '../context.ts'

export const DEFAULT_AUDIT_YEARS = 5

export async function purgeAuditEvents(
  tx: Tx,
  input: { helplineId: string | null; years: number; now: Date },
): Promise<number> {
  await tx.query(`set local ascolto.audit_retention = 'on'`)
  const { rows } = await tx.query<{ deleted: number }>(
    `with gone as (
       delete from audit_event
        where helpline_id is not distinct from $1
          and at < least($2::timestamptz, now()) - make_interval(years => $3)
       returning date_trunc('month', at)::date as month, action
     ), counted as (
       insert into audit_count (helpline_id, month, action, count)
       select $1, month, action, count(*) from gone group by month, action
       on conflict (helpline_id, month, action) do update set count = audit_count.count + excluded.count
     )
     select count(*)::int as deleted from gone`,
    [input.helplineId, input.now, input.years],
  )
  return rows[0]?.deleted ?? 0
}
