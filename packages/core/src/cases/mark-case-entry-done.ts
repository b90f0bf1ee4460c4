// A step or a follow-up done (or undone): who did it and when, for the timeline.
import type { CaseView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor } from './find-case.ts'

export async function markCaseEntryDone(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  input: { caseId: string; entryId: string; done: boolean },
): Promise<CaseView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, input.caseId, { lock: true })
  const { rowCount } = await tx.query(
    `update case_entry
        set done = $3, done_by = case when $3 then $4::uuid end, done_at = case when $3 then now() end
      where id = $1 and case_id = $2 and kind in ('goal', 'step', 'follow_up')`,
    [input.entryId, input.caseId, input.done, actor.userId],
  )
  if (!rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Nothing to mark done here')
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: input.done ? 'case.entry_done' : 'case.entry_undone',
    subjectType: 'case',
    subjectId: input.caseId,
    details: { entryId: input.entryId },
  })
  await announceCaseChange(context, input.caseId)
  return loadCaseView(tx, services.keyring, input.caseId, services.clock())
}
