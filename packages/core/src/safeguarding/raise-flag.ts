import { randomUUID } from 'node:crypto'
import type { FlagView, RaiseFlagBody, SafeguardingKind } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import {
  type ConversationRecord,
  findConversationForActor,
  sealerOf,
} from '../conversations/find-conversation.ts'
import { raiseRiskLevel } from '../conversations/raise-risk-level.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { RISK_OF_FLAG } from '../policy/index.ts'
import { loadFlagAlerts, loadFlagViews } from './flag-views.ts'
import { queueSafeguardingAlert } from './send-safeguarding-alert.ts'

/**
 * "Possible minor at risk", "imminent risk": recorded with who, when and why (the reason sealed,
 * as it speaks of a person), and announced at once to every console of the helpline, where the
 * supervisors' keep alerting until one of them acknowledges it; and, where the helpline has
 * someone on call, to their phone or e-mail (send-safeguarding-alert.ts). The conversation's risk
 * level rises with it (imminent risk: imminent; a minor at risk: high), so the queue puts it first.
 */
export async function raiseFlag(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  body: RaiseFlagBody,
): Promise<FlagView> {
  const record = await findConversationForActor(context.tx, actor, conversationId, { lock: true })
  return recordFlag(context, record, body, actor.userId)
}

/**
 * The flag itself, raised by a person or (`raisedBy` null) by the system: automatic triage raises
 * an imminent risk through here, and opening an emergency take-in its own kind, so that they alert
 * exactly as a volunteer's flag does.
 */
export async function recordFlag(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  record: ConversationRecord,
  body: { kind: SafeguardingKind; reason: string },
  raisedBy: string | null,
): Promise<FlagView> {
  const id = randomUUID()
  await tx.query(
    `insert into safeguarding_flag (id, helpline_id, conversation_id, kind, reason_sealed, raised_by)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      record.helpline_id,
      record.id,
      body.kind,
      sealerOf(services.keyring, record).seal(body.reason, `flag:${id}`),
      raisedBy,
    ],
  )
  await raiseRiskLevel(tx, record.id, RISK_OF_FLAG[body.kind])
  await queueSafeguardingAlert(tx, await loadHelplineSettings(tx, record.helpline_id), id)
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: raisedBy,
    action: 'safeguarding.raise',
    subjectType: 'conversation',
    subjectId: record.id,
    details: { flagId: id, kind: body.kind },
  })
  const helplineIds = [record.helpline_id]
  const [flag] = await loadFlagViews(tx, services.keyring, { helplineIds, ids: [id] })
  const [alert] = await loadFlagAlerts(tx, { helplineIds, ids: [id] })
  const conversation = await loadConversationView(tx, services.keyring, helplineIds, record.id)
  if (!flag || !alert || !conversation) throw new Error('Flag vanished while raising it')
  afterCommit(() => {
    services.publisher.outboxChanged()
    services.publisher.toConsoles(record.helpline_id, 'flag.updated', alert)
    services.publisher.toConsoles(record.helpline_id, 'conversation.updated', conversation)
  })
  return flag
}
