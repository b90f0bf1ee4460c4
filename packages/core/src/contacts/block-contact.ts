// Blocking a person (e.g. one number used by several people, threats): optionally a last
// notice first, then their conversation closes and their messages stay out of the queue
// until the block expires or a supervisor lifts it. Only the volunteer the conversation is
// assigned to or a supervisor blocks, and a block with no end needs a supervisor; when a
// supervisor blocks, the volunteer the conversation was assigned to is told.
import type { ConversationView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import {
  findConversationForActor,
  isSupervising,
  requireAssignedOrSupervisor,
  sealerOf,
} from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { announceEnded, endMediations } from '../mediation/end-mediation.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'

/** What a block's reason is sealed to: its person. */
export const blockReasonContext = (contactId: string) => `block-reason:${contactId}`

export async function blockContact(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  input: { conversationId: string; reason: string; days: number | null; sendNotice: boolean },
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, input.conversationId, { lock: true })
  requireAssignedOrSupervisor(actor, record)
  if (input.days === null && !isSupervising(actor, record.helpline_id)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'A block with no end needs a supervisor')
  }
  const settings = await loadHelplineSettings(tx, record.helpline_id)
  const notice = settings.blocking.notice
  if (input.sendNotice) {
    const text = notice?.[settings.languages[0] ?? 'it'] ?? Object.values(notice ?? {})[0]
    if (!text)
      throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This helpline has no blocking notice to send')
    await queueOutboundMessage(tx, {
      sealer: sealerOf(services.keyring, record),
      helplineId: record.helpline_id,
      conversationId: record.id,
      channelId: record.channel_id,
      authorId: actor.userId,
      kind: 'auto_reply',
      text,
    })
  }
  const { rows } = await tx.query<{ blocked_until: Date | null }>(
    `update contact set blocked_at = now(), blocked_reason = null, blocked_reason_sealed = $2, blocked_by = $3,
            blocked_until = case when $4::int is null then null else now() + make_interval(days => $4::int) end
      where id = $1 returning blocked_until`,
    [
      record.contact_id,
      sealerOf(services.keyring, record).seal(input.reason, blockReasonContext(record.contact_id)),
      actor.userId,
      input.days,
    ],
  )
  const closed = await tx.query<{ id: string }>(
    `update conversation set status = 'closed', closed_at = coalesce(closed_at, now())
      where contact_id = $1 and status <> 'closed' returning id`,
    [record.contact_id],
  )
  const mediationsEnded = await endMediations(
    tx,
    closed.rows.map((r) => r.id),
    'closed',
    actor.userId,
  )
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.block',
    subjectType: 'contact',
    subjectId: record.contact_id,
    details: { days: input.days, notice: input.sendNotice },
  })
  const view = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!view) throw new Error('Conversation vanished while blocking')
  const assignee = record.assignee_id
  afterCommit(() => {
    // the volunteer whose conversation it was hears it from the desk, not from a silent queue
    if (assignee && assignee !== actor.userId) {
      services.publisher.toOperator(assignee, 'contact.blocked', {
        conversationId: record.id,
        helplineId: record.helpline_id,
        contactPseudonym: view.contactPseudonym,
        blockedBy: { id: actor.userId, displayName: actor.displayName },
        until: rows[0]?.blocked_until?.toISOString() ?? null,
      })
    }
    services.publisher.toConsoles(record.helpline_id, 'conversation.updated', view)
    announceEnded(services, mediationsEnded)
    if (input.sendNotice) services.publisher.outboxChanged()
  })
  return view
}

/** Lifting a block is a supervisor's decision. */
export async function unblockContact({ tx }: { tx: Tx }, actor: Actor, conversationId: string) {
  const record = await findConversationForActor(tx, actor, conversationId)
  if (!isSupervising(actor, record.helpline_id)) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only a supervisor can lift a block')
  }
  await tx.query(
    `update contact set blocked_at = null, blocked_until = null, blocked_reason = null, blocked_reason_sealed = null,
            blocked_by = null where id = $1`,
    [record.contact_id],
  )
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.unblock',
    subjectType: 'contact',
    subjectId: record.contact_id,
  })
}
