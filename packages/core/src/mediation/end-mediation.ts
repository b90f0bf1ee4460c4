// The end of a mediator's access: the operator removes them (or withdraws the request), or the
// conversation closes. The mediator's consoles stop hearing it at once; its reads answer "not found".
import type { Queryable } from '@ascolto/db'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findConversationForActor, requireAssignedOrSupervisor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'

/** Ends the open mediations of these conversations; answers who lost access, for `announceEnded`. */
export async function endMediations(
  db: Queryable,
  conversationIds: readonly string[],
  reason: 'closed' | 'removed' | 'withdrawn',
  endedBy: string | null,
) {
  const { rows } = await db.query<{
    helpline_id: string
    conversation_id: string
    mediator_id: string | null
  }>(
    `update mediation set ended_at = now(), end_reason = case when mediator_id is null and $2 = 'removed'
                                                              then 'withdrawn' else $2 end, ended_by = $3
      where conversation_id = any($1::uuid[]) and ended_at is null
      returning helpline_id, conversation_id, mediator_id`,
    [conversationIds, reason, endedBy],
  )
  for (const row of rows) {
    await recordAuditEvent(db, {
      helplineId: row.helpline_id,
      actorId: endedBy,
      action: 'mediation.ended',
      subjectType: 'conversation',
      subjectId: row.conversation_id,
      details: { reason, ...(row.mediator_id ? { mediatorId: row.mediator_id } : {}) },
    })
  }
  return rows
}

/** After the commit: the mediators' consoles leave the conversation, every console reads it again. */
export function announceEnded(services: Services, ended: Awaited<ReturnType<typeof endMediations>>) {
  for (const row of ended) {
    const change = { conversationId: row.conversation_id }
    if (row.mediator_id) {
      services.publisher.mediatorRoom?.(row.mediator_id, row.conversation_id, 'leave')
      services.publisher.toOperator(row.mediator_id, 'mediation.changed', change)
    }
    services.publisher.toConsoles(row.helpline_id, 'mediation.changed', change)
  }
}

/** The operator handling the conversation, or a supervisor, removes the mediator or withdraws the request. */
export async function removeMediator(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
) {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  requireAssignedOrSupervisor(actor, record)
  const ended = await endMediations(tx, [record.id], 'removed', actor.userId)
  if (ended.length === 0) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No mediator in this conversation')
  afterCommit(() => announceEnded(services, ended))
}
