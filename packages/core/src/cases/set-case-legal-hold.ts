// A legal hold keeps a closed case past retention until a date (an investigation, a court's
// request); a supervisor puts it, renews it with a later date, or lifts it (until null). Audited,
// with the reason, which names a request and never a person.
import type { CaseView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor } from './find-case.ts'

const MAX_HOLD_DAYS = 3 * 366

export async function setCaseLegalHold(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  caseId: string,
  input: { until: string | null; reason: string },
): Promise<CaseView> {
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  requireRole(actor, caseRecord.helpline_id, 'supervisor')
  const now = services.clock()
  const until = input.until === null ? null : new Date(input.until)
  if (until && (until <= now || until.getTime() - now.getTime() > MAX_HOLD_DAYS * 86_400_000)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A legal hold ends in the future, within three years')
  }
  await tx.query('update help_case set legal_hold_until = $2 where id = $1', [caseId, until])
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: until ? 'case.legal_hold' : 'case.legal_hold_lifted',
    subjectType: 'case',
    subjectId: caseId,
    details: { until: until?.toISOString() ?? null },
    reason: { text: input.reason.trim(), keyring: services.keyring },
  })
  return loadCaseView(tx, services.keyring, caseId, now)
}
