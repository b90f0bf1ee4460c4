// A volunteer corrects a conversation's risk level (triage got it wrong, or the person is now
// safe): recorded with who, when, from and to, audited, counted in the conversation's facts. The
// corrected level stands until a later message of the person is triaged higher.
import { randomUUID } from 'node:crypto'
import type { ConversationView, RiskLevel } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { updateConversationRisk } from './conversation-risk.ts'

export async function correctRiskLevel(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  level: RiskLevel,
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  const { rows } = await tx.query<{ risk_level: RiskLevel }>(
    'select risk_level from conversation where id = $1',
    [record.id],
  )
  const from = rows[0]?.risk_level ?? 'none'
  await tx.query(
    `insert into risk_correction (id, helpline_id, conversation_id, from_level, to_level, corrected_by)
     values ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), record.helpline_id, record.id, from, level, actor.userId],
  )
  await updateConversationRisk(tx, record.id)
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'triage.correct',
    subjectType: 'conversation',
    subjectId: record.id,
    details: { from, to: level },
  })
  const conversation = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!conversation) throw new Error('Conversation vanished while correcting its risk level')
  afterCommit(() => services.publisher.toConsoles(record.helpline_id, 'conversation.updated', conversation))
  return conversation
}
