import type { ConversationDetail } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadMessageViews } from '../messages/message-views.ts'
import { HOLD_IN_FORCE } from '../retention/legal-hold.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'

export async function getConversation(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ConversationDetail> {
  const record = await findConversationForActor(tx, actor, conversationId)
  const conversation = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!conversation) throw new Error('Conversation vanished while reading it')
  const messages = await loadMessageViews(tx, services.keyring, {
    helplineId: record.helpline_id,
    conversationId: record.id,
    revealHidden: isSupervising(actor, record.helpline_id),
  })
  const person = await tx.query<{
    legal_hold_at: Date | null
    legal_hold_until: Date | null
    blocked: boolean
    blocked_until: Date | null
  }>(
    // a block or a hold past its end no longer holds, though the row keeps it until changed
    `select case when ${HOLD_IN_FORCE('legal_hold_at', 'legal_hold_until')} then legal_hold_at end as legal_hold_at,
            case when ${HOLD_IN_FORCE('legal_hold_at', 'legal_hold_until')} then legal_hold_until end as legal_hold_until,
            blocked_until,
            blocked_at is not null and (blocked_until is null or blocked_until > now()) as blocked
       from contact where id = $1`,
    [record.contact_id],
  )
  const row = person.rows[0]
  return {
    conversation,
    messages,
    legalHoldAt: row?.legal_hold_at?.toISOString() ?? null,
    legalHoldUntil: row?.legal_hold_until?.toISOString() ?? null,
    blocked: row?.blocked ? { until: row.blocked_until?.toISOString() ?? null } : null,
  }
}
