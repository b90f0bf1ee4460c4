// A file a volunteer attaches to a reply: checked like the files people send (type, size), kept
// sealed beside its message, and delivered through the outbox like any reply; the words typed
// with it are its caption. Only on channels that carry files.
import { createHash, randomUUID } from 'node:crypto'
import { channelAdapters } from '@ascolto/channels'
import type { MessageView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { findConversationForActor, sealerOf } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { requireReplying } from '../messages/send-reply.ts'
import { enqueue } from '../outbox/outbox.ts'
import { mediaContext } from './fetch-message-media.ts'
import { baseMimeType, isAcceptedMediaType, MAX_MEDIA_BYTES } from './media-types.ts'

export async function sendAttachment(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  file: { bytes: Buffer; mimeType: string; caption: string },
): Promise<MessageView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  requireReplying(record, actor)
  const mimeType = baseMimeType(file.mimeType)
  if (!isAcceptedMediaType(mimeType)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `Files of type ${mimeType} cannot be sent`)
  }
  if (file.bytes.length === 0 || file.bytes.length > MAX_MEDIA_BYTES) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The file is empty or larger than 16 MB')
  }
  if (mimeType.startsWith('audio/') && file.caption.trim()) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A sound goes without words: send them as a message')
  }
  const { rows } = await tx.query<{ kind: string }>('select kind from channel where id = $1', [
    record.channel_id,
  ])
  if (!channelAdapters[rows[0]?.kind ?? '']?.capabilities.media) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This channel does not carry files')
  }

  const messageId = randomUUID()
  const { keyring } = services
  const sealer = sealerOf(keyring, record)
  await tx.query(
    `insert into message (id, conversation_id, helpline_id, channel_id, direction, author_id, kind, body_sealed,
                          status, media, media_status)
     values ($1, $2, $3, $4, 'outbound', $5, 'media', $6, 'queued', $7, 'stored')`,
    [
      messageId,
      record.id,
      record.helpline_id,
      record.channel_id,
      actor.userId,
      sealer.seal(file.caption, `message:${messageId}`),
      { mimeType },
    ],
  )
  await tx.query(
    `insert into media_file (message_id, helpline_id, mime_type, byte_size, sha256, sealed)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      messageId,
      record.helpline_id,
      mimeType,
      file.bytes.length,
      createHash('sha256').update(file.bytes).digest(),
      sealer.sealBytes(file.bytes, mediaContext(messageId)),
    ],
  )
  await enqueue(tx, 'deliver_message', `conversation:${record.id}`, { messageId })
  await tx.query('update conversation set last_message_at = now() where id = $1', [record.id])

  const message = await loadMessageView(tx, keyring, record.helpline_id, messageId)
  const conversation = await loadConversationView(tx, keyring, [record.helpline_id], record.id)
  afterCommit(() => {
    services.publisher.toConsoles(record.helpline_id, 'message.created', message)
    if (conversation) services.publisher.toConsoles(record.helpline_id, 'conversation.updated', conversation)
    services.publisher.outboxChanged()
  })
  return message
}
