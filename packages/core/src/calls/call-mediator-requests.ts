// An operator calls a mediator into a live call, or lets them go. The call moves into a conference
// (once; later mediators join the same), the mediator is called from the helpline's number, and the
// conference's reports say when they joined and left (record-conference-event.ts). The provider's
// side runs in the outbox (`call_conference`, in order per call: move, add, remove), so the
// console's request returns at once. Only the operator on the call or a supervisor asks; another
// helpline's call is 404. Audited with ids only.

import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { requireRole } from '../operators/require-role.ts'
import { enqueue } from '../outbox/outbox.ts'

type Context = { tx: Tx; afterCommit: AfterCommit; services: Services }

type LiveCall = {
  id: string
  helpline_id: string
  message_id: string
  answered_by: string | null
  live: boolean
  operator_leg_sealed: Buffer | null
  conference_requested_at: Date | null
  conference_sid_sealed: Buffer | null
}

/** The call of this message, locked, within the actor's helplines; the operator on it or a supervisor. */
async function findCall(tx: Tx, actor: Actor, messageId: string): Promise<LiveCall> {
  const { rows } = await tx.query<LiveCall>(
    `select p.id, p.helpline_id, p.message_id, p.answered_by, p.operator_leg_sealed, p.conference_requested_at,
            p.conference_sid_sealed,
            p.answered_at is not null and p.ended_at is null and p.talk_seconds is null as live
       from phone_call p where p.message_id = $1 and p.helpline_id = any($2::uuid[])
       for update`,
    [messageId, [...actor.roles.keys()]],
  )
  const call = rows[0]
  if (!call) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Call not found')
  if (call.answered_by !== actor.userId) requireRole(actor, call.helpline_id, 'supervisor')
  return call
}

export const callConferenceKey = (callId: string) => `call:${callId}`

async function publishCall({ tx, afterCommit, services }: Context, call: LiveCall) {
  const view = await loadMessageView(tx, services.keyring, call.helpline_id, call.message_id)
  afterCommit(() => services.publisher.toConsoles(call.helpline_id, 'message.updated', view))
}

export async function addCallMediator(
  context: Context,
  actor: Actor,
  messageId: string,
  mediatorId: string,
): Promise<{ participantId: string }> {
  const { tx } = context
  const call = await findCall(tx, actor, messageId)
  if (!call.live || !call.operator_leg_sealed) {
    throw new AscoltoError('ASCOLTO_ERR_CALL_NOT_LIVE', 'The call is not under way with an operator')
  }
  const { rows } = await tx.query<{ id: string }>(
    `insert into call_participant (call_id, helpline_id, mediator_id, label, requested_by, requested_at)
     select $1, m.helpline_id, m.id, m.label, $4, $5 from call_mediator m
      where m.id = $2 and m.helpline_id = $3 and m.removed_at is null
     returning id`,
    [call.id, mediatorId, call.helpline_id, actor.userId, context.services.clock()],
  )
  const participantId = rows[0]?.id
  if (!participantId) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Mediator not found')
  const key = callConferenceKey(call.id)
  if (!call.conference_requested_at) {
    await tx.query('update phone_call set conference_requested_at = $2 where id = $1', [
      call.id,
      context.services.clock(),
    ])
    await enqueue(tx, 'call_conference', key, { callId: call.id, step: 'move' })
  }
  // without the conference's id yet, its first report queues the call (record-conference-event.ts)
  if (call.conference_sid_sealed) {
    await enqueue(tx, 'call_conference', key, { callId: call.id, step: 'add', participantId })
  }
  await recordAuditEvent(tx, {
    helplineId: call.helpline_id,
    actorId: actor.userId,
    action: 'call.mediator_added',
    subjectType: 'call',
    subjectId: call.id,
    details: { participantId, mediatorId },
  })
  await publishCall(context, call)
  return { participantId }
}

export async function dismissCallMediator(
  context: Context,
  actor: Actor,
  messageId: string,
  participantId: string,
) {
  const { tx } = context
  const call = await findCall(tx, actor, messageId)
  const updated = await tx.query(
    `update call_participant set removal_requested_at = coalesce(removal_requested_at, $3)
      where id = $1 and call_id = $2 and left_at is null and unreached is null`,
    [participantId, call.id, context.services.clock()],
  )
  if (updated.rowCount !== 1) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Mediator not on this call')
  await enqueue(tx, 'call_conference', callConferenceKey(call.id), {
    callId: call.id,
    step: 'remove',
    participantId,
  })
  await recordAuditEvent(tx, {
    helplineId: call.helpline_id,
    actorId: actor.userId,
    action: 'call.mediator_dismissed',
    subjectType: 'call',
    subjectId: call.id,
    details: { participantId },
  })
  await publishCall(context, call)
}
