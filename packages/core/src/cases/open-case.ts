// A case is opened from a conversation: whoever handles it (or a supervisor) becomes responsible
// and first of its team; the conversation's person its first member. The title is the team's
// choice and never the person's name by default ("Percorso" and the day it opened is the console's).
// An emergency take-in (where the helpline has a procedure) raises a flag of its own kind on that
// conversation: the supervisors' consoles and the one on call are alerted as for a safeguarding flag.
import { randomUUID } from 'node:crypto'
import type { CaseView, OpenCaseBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { recordFlag } from '../safeguarding/raise-flag.ts'
import { findOwnConversation, linkConversation } from './add-case-conversation.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { loadEmergencyProcedure } from './emergency-procedure.ts'
import { titleContext } from './find-case.ts'
import { recordCaseFacts } from './record-case-facts.ts'

export async function openCase(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  body: OpenCaseBody,
): Promise<CaseView> {
  const { tx, services } = context
  const conversation = await findOwnConversation(tx, actor, body.conversationId)
  const id = randomUUID()
  const title = body.title.trim()
  if (title.length === 0) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A case needs a title')
  const emergency = body.kind === 'emergency'
  if (emergency && !(await loadEmergencyProcedure(tx, conversation.helpline_id))) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This helpline has no emergency take-in procedure')
  }
  const { rows } = await tx.query<{ opened_at: Date }>(
    `insert into help_case (id, helpline_id, kind, title_sealed, responsible_id, opened_by)
     values ($1, $2, $3, $4, $5, $5) returning opened_at`,
    [
      id,
      conversation.helpline_id,
      body.kind ?? 'standard',
      services.keyring.scope(conversation.helpline_id).seal(title, titleContext(id)),
      actor.userId,
    ],
  )
  await tx.query('insert into case_team (case_id, user_id) values ($1, $2)', [id, actor.userId])
  const caseRecord = {
    id,
    helpline_id: conversation.helpline_id,
    kind: body.kind ?? 'standard',
    status: 'open',
    responsible_id: actor.userId,
    opened_at: rows[0]?.opened_at ?? services.clock(),
  } as const
  await recordAuditEvent(tx, {
    helplineId: conversation.helpline_id,
    actorId: actor.userId,
    action: 'case.opened',
    subjectType: 'case',
    subjectId: id,
    details: { kind: caseRecord.kind },
  })
  await linkConversation(context, actor, caseRecord, conversation, body.relation)
  // counted as opened from now on, whatever becomes of the case
  await recordCaseFacts(tx, [id])
  if (emergency)
    await recordFlag(context, conversation, { kind: 'emergency_take_in', reason: title }, actor.userId)
  await announceCaseChange(context, id)
  return loadCaseView(tx, services.keyring, id, services.clock())
}
