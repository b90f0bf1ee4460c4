import { channelAdapters } from '@ascolto/channels'
import type { ConversationView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { queueReadReceipt } from '../messages/queue-read-receipt.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor } from './find-conversation.ts'

/**
 * The handler has read the conversation up to its newest message: its unread count is zero, and
 * on a channel whose helpline sends read receipts the person sees their messages were read.
 */
export async function markConversationRead(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId)
  // only the handler's reading counts: a supervisor looking in does not clear the volunteer's count
  await tx.query(
    `update conversation set read_seq = coalesce((select max(seq) from message where conversation_id = $1), 0)
      where id = $1 and assignee_id = $2`,
    [record.id, actor.userId],
  )
  await queueReadReceipt({ tx, afterCommit, services }, channelAdapters, actor, record)
  const view = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!view) throw new Error('Conversation vanished while reading it')
  return view
}
