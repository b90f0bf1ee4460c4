import { randomUUID } from 'node:crypto'
import type { Tx } from '../context.ts'
import type { Sealer } from '../crypto/keyring.ts'
import { enqueue } from '../outbox/outbox.ts'

/**
 * An outbound message, stored queued with its delivery in the outbox, in the caller's
 * transaction: a volunteer's reply and an automatic one take the same road.
 */
export async function queueOutboundMessage(
  tx: Tx,
  input: {
    /** the person's (conversations/find-conversation.ts sealerOf) */
    sealer: Sealer
    helplineId: string
    conversationId: string
    channelId: string
    authorId: string | null
    /** template: the channel's message that re-opens a closed reply window */
    kind: 'text' | 'auto_reply' | 'template'
    text: string
  },
): Promise<string> {
  const messageId = randomUUID()
  await tx.query(
    `insert into message (id, conversation_id, helpline_id, channel_id, direction, author_id, kind, body_sealed, status)
     values ($1, $2, $3, $4, 'outbound', $5, $6, $7, 'queued')`,
    [
      messageId,
      input.conversationId,
      input.helplineId,
      input.channelId,
      input.authorId,
      input.kind,
      input.sealer.seal(input.text, `message:${messageId}`),
    ],
  )
  await enqueue(tx, 'deliver_message', `conversation:${input.conversationId}`, { messageId })
  return messageId
}
