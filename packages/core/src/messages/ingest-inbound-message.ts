// The path every channel's inbound message takes: one transaction that finds or creates the
// contact and the conversation and stores the message once, however often the provider retries.
// The caller acknowledges the provider only after this has committed.
import { randomUUID } from 'node:crypto'
import type { ChannelConnection, InboundMessage } from '@ascolto/channels'
import { findOrCreateContact } from '../contacts/find-or-create-contact.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { loadMessageView } from './message-views.ts'

export type IngestResult = {
  messageId: string
  conversationId: string
  contactId: string
  createdAt: Date
  /** The provider had sent this message before: nothing was written. */
  duplicate: boolean
}

export async function ingestInboundMessage(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  connection: ChannelConnection,
  inbound: InboundMessage,
): Promise<IngestResult> {
  const { keyring, publisher } = services
  const helplineId = connection.helplineId
  const addressHash = keyring.hashAddress(helplineId, inbound.from)
  // One person at a time per door: their first two messages racing make one contact, one conversation.
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `${connection.id}:${addressHash.toString('hex')}`,
  ])

  const existing = await tx.query<{
    id: string
    conversation_id: string
    contact_id: string
    created_at: Date
  }>(
    `select m.id, m.conversation_id, c.contact_id, m.created_at from message m join conversation c on c.id = m.conversation_id
      where m.channel_id = $1 and m.provider_message_id = $2`,
    [connection.id, inbound.providerMessageId],
  )
  if (existing.rows[0]) {
    const row = existing.rows[0]
    return {
      messageId: row.id,
      conversationId: row.conversation_id,
      contactId: row.contact_id,
      createdAt: row.created_at,
      duplicate: true,
    }
  }

  const { contactId } = await findOrCreateContact(tx, keyring, {
    helplineId,
    channelId: connection.id,
    address: inbound.from,
    addressHash,
  })
  const open = await tx.query<{ id: string }>(
    `select id from conversation where contact_id = $1 and channel_id = $2 and status <> 'closed' for update`,
    [contactId, connection.id],
  )
  const conversationId =
    open.rows[0]?.id ??
    (
      await tx.query<{ id: string }>(
        `insert into conversation (helpline_id, contact_id, channel_id) values ($1, $2, $3) returning id`,
        [helplineId, contactId, connection.id],
      )
    ).rows[0]?.id
  if (!conversationId) throw new Error('Conversation insert returned nothing')

  const messageId = randomUUID()
  const inserted = await tx.query<{ created_at: Date }>(
    `insert into message (id, conversation_id, helpline_id, channel_id, direction, kind, body_sealed, status, provider_message_id)
     values ($1, $2, $3, $4, 'inbound', $5, $6, 'received', $7) returning created_at`,
    [
      messageId,
      conversationId,
      helplineId,
      connection.id,
      inbound.kind,
      keyring.seal(helplineId, inbound.text, `message:${messageId}`),
      inbound.providerMessageId,
    ],
  )
  await tx.query('update conversation set last_message_at = now() where id = $1', [conversationId])
  await tx.query('update contact set last_inbound_at = now() where id = $1', [contactId])

  const conversation = await loadConversationView(tx, keyring, [helplineId], conversationId)
  const message = await loadMessageView(tx, keyring, helplineId, messageId)
  afterCommit(() => {
    if (conversation) publisher.toConsoles(helplineId, 'conversation.updated', conversation)
    publisher.toConsoles(helplineId, 'message.created', message)
  })
  const createdAt = inserted.rows[0]?.created_at ?? new Date()
  return { messageId, conversationId, contactId, createdAt, duplicate: false }
}
