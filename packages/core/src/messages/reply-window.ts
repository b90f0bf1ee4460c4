// A channel's reply window: WhatsApp takes free-form replies only within 24 hours of the person's
// last message. A reply written later (the Friday-night message answered on Monday at 18:00) is
// held, never refused: the channel's approved template goes instead ("you have a reply from us:
// answer this message to read it"), once per silence, and every held reply is released, in the
// order it was written, the moment the person writes again (messages/store-inbound-message.ts).
import type { ChannelAdapter, ChannelConnection } from '@ascolto/channels'
import type { Tx } from '../context.ts'
import type { Sealer } from '../crypto/keyring.ts'
import { queueOutboundMessage } from './queue-outbound-message.ts'

/** Meta counts from its own timestamp of the person's message: the window is taken to close a little early. */
const MARGIN_MS = 5 * 60_000

/** When free-form replies stop being accepted; null when the channel has no window. */
export function replyWindowClosesAt(adapter: ChannelAdapter | undefined, lastInboundAt: Date | null) {
  const hours = adapter?.capabilities.replyWindowHours
  if (hours === undefined) return null
  return new Date((lastInboundAt?.getTime() ?? 0) + hours * 3_600_000 - MARGIN_MS)
}

export function isReplyWindowOpen(adapter: ChannelAdapter | undefined, lastInboundAt: Date | null) {
  const closesAt = replyWindowClosesAt(adapter, lastInboundAt)
  return closesAt === null || closesAt.getTime() > Date.now()
}

/**
 * Holds a reply outside the window, in the caller's transaction: it leaves the outbox, and the
 * template is queued after it unless one already went since the person last wrote.
 * Returns the template's message id when one was queued.
 */
export async function holdReply(
  tx: Tx,
  sealer: Sealer,
  adapter: ChannelAdapter,
  connection: ChannelConnection,
  reply: { messageId: string; outboxId: string; conversationId: string; contactId: string },
): Promise<string | null> {
  await tx.query(
    `with done as (delete from outbox where id = $1)
     update message set status = 'held', updated_at = now() where id = $2`,
    [reply.outboxId, reply.messageId],
  )
  const template = adapter.reopeningTemplate?.(connection)
  if (!template) return null
  const { rows } = await tx.query(
    `select 1 from message m
       join conversation c on c.id = m.conversation_id
       join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = m.channel_id
      where c.contact_id = $1 and m.channel_id = $2 and m.direction = 'outbound' and m.kind = 'template'
        and m.status <> 'failed' and m.created_at > coalesce(ci.last_inbound_at, '-infinity')
      limit 1`,
    [reply.contactId, connection.id],
  )
  if (rows.length > 0) return null
  return queueOutboundMessage(tx, {
    sealer,
    helplineId: connection.helplineId,
    conversationId: reply.conversationId,
    channelId: connection.id,
    authorId: null,
    kind: 'template',
    text: template.text,
  })
}
