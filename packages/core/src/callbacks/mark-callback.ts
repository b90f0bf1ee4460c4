// A call-back tried: the person was reached (called_back), nobody answered (not_reachable: due
// again a while later, inside opening hours), or nothing more is needed (done). Only the roles
// that may see the number, and so call, record a try; each one is audited. A case's call-back
// shows its try on the case, whose consoles hear of it.

import type { CallbackOutcome, CallbackView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { recordCallbackResponse } from '../calls/call-outcome.ts'
import { announceCaseChange } from '../cases/announce-case-change.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { nextOpening } from '../policy/index.ts'
import { announceCallbacks } from './announce-callbacks.ts'
import { loadCallbackView } from './callback-views.ts'
import { CALLBACK_ROLE, findCallbackForActor } from './find-callback.ts'

/** How long after an unanswered try the next one falls due (and then inside opening hours). */
export const RETRY_AFTER_MINUTES = 120

export async function markCallback(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  input: { callbackId: string; outcome: CallbackOutcome },
): Promise<CallbackView> {
  const { tx, services } = context
  const record = await findCallbackForActor(tx, actor, input.callbackId, CALLBACK_ROLE)
  if (record.status === 'called_back' || record.status === 'done') {
    throw new AscoltoError('ASCOLTO_ERR_CALLBACK_CLOSED', 'This call-back is already closed')
  }
  const now = services.clock()
  let dueAt: Date | null = null
  if (input.outcome === 'not_reachable') {
    const rules = openingRulesOf(await loadHelplineSettings(tx, record.helpline_id))
    const later = new Date(now.getTime() + RETRY_AFTER_MINUTES * 60_000)
    dueAt = nextOpening(rules, later) ?? later
  }
  await tx.query(
    `update callback_request
        set status = $2, attempts = attempts + 1, last_attempt_at = $3, last_attempt_by = $4,
            due_at = coalesce($5, due_at), updated_at = now()
      where id = $1`,
    [record.id, input.outcome, now, actor.userId, dueAt],
  )
  await recordCallbackResponse(tx, record.id, now)
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'callback.marked',
    subjectType: 'callback_request',
    subjectId: record.id,
    details: { outcome: input.outcome },
  })
  announceCallbacks(context, record.helpline_id)
  if (record.case_id) await announceCaseChange(context, record.case_id)
  const view = await loadCallbackView(tx, record.helpline_id, record.id)
  if (!view) throw new Error('The call-back vanished inside its transaction')
  return view
}
