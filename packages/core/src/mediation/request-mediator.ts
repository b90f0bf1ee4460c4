// "Chiedi un mediatore: romeno". The operator handling the conversation (or a supervisor) asks
// for a mediator of a language; the mediators of that language on the helpline's list are alerted
// at once in their consoles and, where the helpline has someone on call, on the on-call door as a
// safeguarding flag is (send-mediator-alert.ts). One request or mediator at a time per conversation.
import type { MediationView, RequestMediatorBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findConversationForActor, requireAssignedOrSupervisor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { enqueue } from '../outbox/outbox.ts'
import { mediatorsOfLanguage } from './mediation-access.ts'
import { loadMediationViews } from './mediation-views.ts'

export async function requestMediator(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  body: RequestMediatorBody,
): Promise<MediationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  requireAssignedOrSupervisor(actor, record)
  if (record.status === 'closed')
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'The conversation is closed')
  const inserted = await tx.query<{ id: string }>(
    `insert into mediation (helpline_id, conversation_id, language, requested_by) values ($1, $2, $3, $4)
     on conflict do nothing returning id`,
    [record.helpline_id, record.id, body.language, actor.userId],
  )
  const id = inserted.rows[0]?.id
  if (!id) {
    throw new AscoltoError(
      'ASCOLTO_ERR_DUPLICATE_CONFLICT',
      'A mediator is already asked for or in the conversation',
    )
  }
  const mediators = await mediatorsOfLanguage(tx, record.helpline_id, body.language)
  const settings = await loadHelplineSettings(tx, record.helpline_id)
  if (settings.desk?.onCall) {
    for (const mediator of mediators) {
      await enqueue(tx, 'mediator_alert', `mediation:${id}:${mediator.user_id}`, {
        mediationId: id,
        entryId: mediator.entry_id,
        sent: '0',
      })
    }
  }
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'mediation.requested',
    subjectType: 'conversation',
    subjectId: record.id,
    details: { mediationId: id, language: body.language, alerted: mediators.length },
  })
  const [view] = await loadMediationViews(tx, [record.id])
  if (!view) throw new Error('Mediation vanished while asking for it')
  afterCommit(() => {
    for (const mediator of mediators)
      services.publisher.toOperator(mediator.user_id, 'mediation.changed', { conversationId: record.id })
    services.publisher.toConsoles(record.helpline_id, 'mediation.changed', { conversationId: record.id })
    if (settings.desk?.onCall) services.publisher.outboxChanged()
  })
  return view
}
