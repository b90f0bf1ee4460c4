import type { ConversationDetail } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadMessageViews } from '../messages/message-views.ts'
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
  const person = await tx.query<{ legal_hold_at: Date | null; blocked: boolean; blocked_until: Date | null }>(
    // a block past its end no longer holds, though the row keeps it until the next block or unblock
    `select legal_hold_at, blocked_until,
            blocked_at is not null and (blocked_until is null or blocked_until > now()) as blocked
       from contact where id = $1`,
    [record.contact_id],
  )
  const row = person.rows[0]
  return {
    conversation,
    messages,
    legalHoldAt: row?.legal_hold_at?.toISOString() ?? null,
    blocked: row?.blocked ? { until: row.blocked_until?.toISOString() ?? null } : null,
  }
}
