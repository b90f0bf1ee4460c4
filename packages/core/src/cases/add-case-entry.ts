// The plan (goals, and steps under a goal), notes, follow-ups and a supervisor's review of a case,
// sealed under the key of the person it is about. A follow-up asked for when the line is closed
// (a Sunday, at night, a holiday) moves to the first open hours, as due times do.
import { randomUUID } from 'node:crypto'
import type { AddCaseEntryBody, CaseView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { nextOpening } from '../policy/index.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { type CaseRecord, entryContext, findCaseForActor, subjectSealer } from './find-case.ts'

/** A wished time, moved into the first open hours from it (a follow-up, a case's call-back). */
export async function followUpDue(tx: Tx, caseRecord: CaseRecord, wished: Date, now: Date) {
  if (Number.isNaN(wished.getTime()) || wished.getTime() < now.getTime() - 60_000) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A follow-up is due in the future')
  }
  const rules = openingRulesOf(await loadHelplineSettings(tx, caseRecord.helpline_id))
  return nextOpening(rules, wished) ?? wished
}

export async function addCaseEntry(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  body: AddCaseEntryBody,
): Promise<CaseView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  if (body.kind === 'review') requireRole(actor, caseRecord.helpline_id, 'supervisor')
  if (caseRecord.status === 'closed' && body.kind !== 'review' && body.kind !== 'note') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The case is closed: reopen it to plan')
  }
  if ((body.kind === 'step') !== (body.goalId !== undefined)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A step, and only a step, belongs to a goal')
  }
  if ((body.kind === 'follow_up') !== (body.dueAt !== undefined)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A follow-up, and only a follow-up, has a due time')
  }
  if (body.goalId) {
    const goal = await tx.query(`select 1 from case_entry where id = $1 and case_id = $2 and kind = 'goal'`, [
      body.goalId,
      caseId,
    ])
    if (!goal.rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Goal not found')
  }
  const now = services.clock()
  const dueAt = body.dueAt ? await followUpDue(tx, caseRecord, new Date(body.dueAt), now) : null
  const { contactId, sealer } = await subjectSealer(tx, services.keyring, caseRecord)
  const id = randomUUID()
  await tx.query(
    `insert into case_entry (id, case_id, contact_id, kind, goal_id, body_sealed, due_at, author_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      caseId,
      contactId,
      body.kind,
      body.goalId ?? null,
      sealer.seal(body.text.trim(), entryContext(id)),
      dueAt,
      actor.userId,
    ],
  )
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: `case.${body.kind}_added`,
    subjectType: 'case',
    subjectId: caseId,
    details: { entryId: id },
  })
  await announceCaseChange(context, caseId)
  return loadCaseView(tx, services.keyring, caseId, now)
}
