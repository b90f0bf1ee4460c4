import type { MessageView } from '@ascolto/protocol'
import { isOptedOut } from '../callbacks/record-opt-outs.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import {
  type ConversationRecord,
  findConversationForActor,
  sealerOf,
} from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { isLoggedContact } from '../logged-contacts/log-contact.ts'
import { loadMessageView } from './message-views.ts'
import { queueOutboundMessage } from './queue-outbound-message.ts'

/** Only the volunteer handling an open conversation writes to the person. */
export function requireReplying(record: ConversationRecord, actor: Actor) {
  if (record.status === 'closed')
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'The conversation is closed')
  if (record.status !== 'open' || record.assignee_id !== actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_ASSIGNED', 'Take the conversation before replying')
  }
}

/** A volunteer's reply: stored as queued with its delivery in the outbox, in one transaction. */
export async function sendReply(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  text: string,
): Promise<MessageView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  requireReplying(record, actor)
  if (await isLoggedContact(tx, record.id)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A contact logged by hand has no door to reply through')
  }
  if (await isOptedOut(tx, record.id)) {
    throw new AscoltoError('ASCOLTO_ERR_OPTED_OUT', 'The person asked to receive nothing more here (STOP)')
  }
  const messageId = await queueOutboundMessage(tx, {
    sealer: sealerOf(services.keyring, record),
    helplineId: record.helpline_id,
    conversationId: record.id,
    channelId: record.channel_id,
    authorId: actor.userId,
    kind: 'text',
    text,
  })
  await tx.query('update conversation set last_message_at = now() where id = $1', [record.id])

  const message = await loadMessageView(tx, services.keyring, record.helpline_id, messageId)
  const conversation = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  afterCommit(() => {
    services.publisher.toConsoles(record.helpline_id, 'message.created', message)
    if (conversation) services.publisher.toConsoles(record.helpline_id, 'conversation.updated', conversation)
    services.publisher.outboxChanged()
  })
  return message
}
