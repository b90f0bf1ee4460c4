// The line calls first: within a case, where the person agreed to be contacted on a phone door, an
// operator asks for a call-back to them. It waits in the call-back list beside the voicemails'
// (the number revealed there, audited, to the roles that call) and its tries show on the case.
// Refused without that consent, whatever the console shows; audited as a first contact. It holds
// no words about the person (ids, times and states only), so there is nothing to seal; it goes
// with the person's conversation when they are erased, and with the case.
import { channelAdapters } from '@ascolto/channels'
import type { CaseView, ScheduleCaseCallbackBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { announceCallbacks } from '../callbacks/announce-callbacks.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { dueTime } from '../policy/index.ts'
import { followUpDue } from './add-case-entry.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { doorConversation, memberDoor, requireCaseConsent } from './case-doors.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor } from './find-case.ts'

export async function scheduleCaseCallback(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  input: ScheduleCaseCallbackBody,
): Promise<CaseView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  if (caseRecord.status === 'closed') {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The case is closed: reopen it to call')
  }
  const target = { contactId: input.contactId, channelId: input.channelId }
  await requireCaseConsent(tx, caseId, target)
  const door = await memberDoor(tx, caseId, target)
  if (!channelAdapters[door.kind]?.capabilities.calls) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This door takes no calls')
  }
  const now = services.clock()
  // a time asked for moves into open hours as a follow-up does; none: as a voicemail's would be
  const dueAt = input.dueAt
    ? await followUpDue(tx, caseRecord, new Date(input.dueAt), now)
    : dueTime(openingRulesOf(await loadHelplineSettings(tx, caseRecord.helpline_id)), now)
  const conversationId = await doorConversation(tx, {
    ...target,
    caseId,
    helplineId: caseRecord.helpline_id,
    operatorId: actor.userId,
  })
  const inserted = await tx.query<{ id: string }>(
    // asked for at the services' clock, as its tries are recorded (mark-callback.ts)
    `insert into callback_request (helpline_id, conversation_id, case_id, requested_by, due_at, created_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (case_id, conversation_id) where status in ('pending', 'not_reachable') do nothing
     returning id`,
    [caseRecord.helpline_id, conversationId, caseId, actor.userId, dueAt, now],
  )
  const callbackId = inserted.rows[0]?.id
  if (!callbackId) {
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'A call-back to this person is already waiting')
  }
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.first_contact',
    subjectType: 'case',
    subjectId: caseId,
    details: { conversationId, channelId: input.channelId, callbackId },
  })
  await announceCaseChange(context, caseId)
  announceCallbacks(context, caseRecord.helpline_id)
  return loadCaseView(tx, services.keyring, caseId, now)
}
