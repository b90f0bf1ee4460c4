// Reading a case is reading about people: audited, like reading a conversation.
import type { CaseView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor } from './find-case.ts'

export async function getCase(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  caseId: string,
): Promise<CaseView> {
  const caseRecord = await findCaseForActor(tx, actor, caseId)
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
  })
  return loadCaseView(tx, services.keyring, caseId, services.clock())
}
