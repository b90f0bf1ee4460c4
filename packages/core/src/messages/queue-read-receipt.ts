// The volunteer handling a conversation has read it: on a channel whose helpline sends read
// receipts, the person's newest message is marked read at the provider (which marks the earlier
// ones too), once, through the outbox. Reading it again, or a supervisor reading it, sends nothing.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import type { ConversationRecord } from '../conversations/find-conversation.ts'
import { enqueue } from '../outbox/outbox.ts'

export async function queueReadReceipt(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  adapters: Record<string, ChannelAdapter>,
  actor: Actor,
  record: ConversationRecord,
): Promise<boolean> {
  if (record.assignee_id !== actor.userId) return false
  const { rows } = await tx.query<{ kind: string; config: Record<string, unknown> }>(
    'select kind, config from channel where id = $1',
    [record.channel_id],
  )
  const channel = rows[0]
  const adapter = channel ? adapters[channel.kind] : undefined
  const connection = { id: record.channel_id, helplineId: record.helpline_id, config: channel?.config ?? {} }
  if (!adapter?.markRead || !adapter.sendsReadReceipts?.(connection)) return false

  const newest = await tx.query<{ id: string }>(
    `update message set read_receipt_at = now()
      where id = (select id from message
                   where conversation_id = $1 and direction = 'inbound' and provider_message_id is not null
                   order by seq desc limit 1)
        and read_receipt_at is null
      returning id`,
    [record.id],
  )
  const messageId = newest.rows[0]?.id
  if (!messageId) return false
  await enqueue(tx, 'send_read_receipt', `receipt:${record.id}`, { messageId })
  afterCommit(services.publisher.outboxChanged)
  return true
}
