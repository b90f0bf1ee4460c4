// The case's title, status (closing takes an outcome and writes its anonymous facts), responsible
// operator and team. The team and the responsible operator are members of the case's helpline;
// only the responsible operator, supervisors and coordinators change them.
import type { CaseView, UpdateCaseBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor, readsEveryCase, titleContext } from './find-case.ts'
import { recordCaseFacts } from './record-case-facts.ts'

export async function updateCase(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  body: UpdateCaseBody,
): Promise<CaseView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  const helplineId = caseRecord.helpline_id
  const teamChange = body.team !== undefined || body.responsibleId !== undefined
  if (teamChange && actor.userId !== caseRecord.responsible_id && !readsEveryCase(actor, helplineId)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_FORBIDDEN',
      'Only the responsible operator, supervisors and coordinators change the team',
    )
  }
  if (body.title !== undefined) {
    const title = body.title.trim()
    if (!title) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A case needs a title')
    await tx.query('update help_case set title_sealed = $2 where id = $1', [
      caseId,
      services.keyring.scope(helplineId).seal(title, titleContext(caseId)),
    ])
  }
  if (body.status !== undefined && body.status !== caseRecord.status) {
    const closing = body.status === 'closed'
    if (closing && !body.outcome)
      throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Closing a case takes an outcome')
    await tx.query(
      `update help_case set status = $2, outcome = $3, closed_at = case when $4 then now() end where id = $1`,
      [caseId, body.status, closing ? body.outcome : null, closing],
    )
    // closed (or reopened): the facts follow
    await recordCaseFacts(tx, [caseId])
  }
  const team = [...new Set([...(body.team ?? []), ...(body.responsibleId ? [body.responsibleId] : [])])]
  if (team.length > 0) {
    const { rows } = await tx.query<{ user_id: string }>(
      `select m.user_id from membership m join app_user u on u.id = m.user_id
        where m.helpline_id = $1 and m.user_id = any($2::uuid[]) and u.deactivated_at is null`,
      [helplineId, team],
    )
    if (rows.length !== team.length)
      throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Not a member of this helpline')
  }
  if (body.team !== undefined) {
    const keep = [
      ...team,
      ...(caseRecord.responsible_id && !body.responsibleId ? [caseRecord.responsible_id] : []),
    ]
    await tx.query('delete from case_team where case_id = $1 and not (user_id = any($2::uuid[]))', [
      caseId,
      keep,
    ])
  }
  if (team.length > 0) {
    await tx.query(
      `insert into case_team (case_id, user_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
      [caseId, team],
    )
  }
  if (body.responsibleId) {
    await tx.query('update help_case set responsible_id = $2 where id = $1', [caseId, body.responsibleId])
  }
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'case.updated',
    subjectType: 'case',
    subjectId: caseId,
    details: { fields: Object.keys(body).sort(), status: body.status ?? null },
  })
  await announceCaseChange(context, caseId)
  return loadCaseView(tx, services.keyring, caseId, services.clock())
}
