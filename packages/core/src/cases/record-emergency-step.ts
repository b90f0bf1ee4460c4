// A step of an emergency take-in done: its value (checked against the helpline's procedure) sealed
// under the key of the person followed, timed and signed by whoever recorded it. Recording a step
// again corrects it; the earlier recording stays in the record's history.
import { randomUUID } from 'node:crypto'
import type { CaseView, RecordEmergencyStepBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { checkEmergencyValue, emergencyStepContext, loadEmergencyProcedure } from './emergency-procedure.ts'
import { findCaseForActor, subjectSealer } from './find-case.ts'

export async function recordEmergencyStep(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  body: RecordEmergencyStepBody,
): Promise<CaseView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  if (caseRecord.kind !== 'emergency')
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Only an emergency take-in has a procedure')
  if (caseRecord.status === 'closed')
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The case is closed: reopen it to record a step')
  const step = (await loadEmergencyProcedure(tx, caseRecord.helpline_id))?.find((s) => s.id === body.stepId)
  if (!step) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', "No such step in the helpline's procedure")
  const value = checkEmergencyValue(step, body.value)
  const { contactId, sealer } = await subjectSealer(tx, services.keyring, caseRecord)
  const id = randomUUID()
  await tx.query(
    `insert into case_emergency_step (id, case_id, contact_id, step_id, value_sealed, done_by, done_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      caseId,
      contactId,
      step.id,
      sealer.seal(JSON.stringify(value), emergencyStepContext(id)),
      actor.userId,
      services.clock(),
    ],
  )
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.emergency_step_recorded',
    subjectType: 'case',
    subjectId: caseId,
    details: { recordId: id, stepId: step.id },
  })
  await announceCaseChange(context, caseId)
  return loadCaseView(tx, services.keyring, caseId, services.clock())
}
