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
  const hold = await tx.query<{ legal_hold_at: Date | null }>(
    'select legal_hold_at from contact where id = $1',
    [record.contact_id],
  )
  return { conversation, messages, legalHoldAt: hold.rows[0]?.legal_hold_at?.toISOString() ?? null }
}
