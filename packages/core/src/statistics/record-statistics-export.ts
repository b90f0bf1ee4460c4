// Every statistics file that leaves the service is in the audit trail: who, which table, which
// days, which format (the cross-tables and the main tables alike).
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'

export type StatisticsFormat = 'csv' | 'xlsx'

export async function recordStatisticsExport(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  helplineId: string,
  details: { table: string; from: string; to: string; format: StatisticsFormat },
) {
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'statistics.exported',
    subjectType: 'helpline',
    subjectId: helplineId,
    details,
  })
}
