// A mediator answers a request of their language: from now until the mediation ends they read and
// write in that conversation, and in no other. The first to answer joins; the others' consoles
// see the request gone.
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireMediator } from './mediation-access.ts'

export async function joinMediation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  mediationId: string,
): Promise<{ conversationId: string }> {
  requireMediator(actor)
  const { rows } = await tx.query<{
    conversation_id: string
    helpline_id: string
    mediator_id: string | null
  }>(
    `select md.conversation_id, md.helpline_id, md.mediator_id
       from mediation md join conversation c on c.id = md.conversation_id
      where md.id = $1 and md.ended_at is null and c.status <> 'closed' and md.helpline_id = any($2::uuid[])
        and exists (select 1 from call_mediator cm
                     where cm.helpline_id = md.helpline_id and cm.user_id = $3 and cm.removed_at is null
                       and md.language = any(cm.languages))
      for update of md`,
    [mediationId, [...(actor.mediatorOf ?? [])], actor.userId],
  )
  const mediation = rows[0]
  if (!mediation) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Request not found')
  if (mediation.mediator_id) {
    if (mediation.mediator_id === actor.userId) return { conversationId: mediation.conversation_id }
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_TAKEN', 'Another mediator has joined')
  }
  await tx.query('update mediation set mediator_id = $2, joined_at = now() where id = $1', [
    mediationId,
    actor.userId,
  ])
  await recordAuditEvent(tx, {
    helplineId: mediation.helpline_id,
    actorId: actor.userId,
    action: 'mediation.joined',
    subjectType: 'conversation',
    subjectId: mediation.conversation_id,
    details: { mediationId },
  })
  const change = { conversationId: mediation.conversation_id }
  afterCommit(() => {
    services.publisher.mediatorRoom?.(actor.userId, mediation.conversation_id, 'join')
    services.publisher.toConsoles(mediation.helpline_id, 'mediation.changed', change)
  })
  return change
}
