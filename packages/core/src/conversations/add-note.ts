import { randomUUID } from 'node:crypto'
import type { MessageView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { type ConversationRecord, findConversationForActor, sealerOf } from './find-conversation.ts'

/**
 * A private note: a message with direction 'note', seen by the helpline's staff only. It has no
 * outbox row, so nothing ever sends it; the widget's transcript and the statistics skip it.
 */
export async function addNote(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  text: string,
  kind: 'text' | 'transfer' = 'text',
): Promise<MessageView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  const id = await insertNote(tx, services, { ...record, authorId: actor.userId, text, kind })
  const message = await loadMessageView(tx, services.keyring, record.helpline_id, id)
  afterCommit(() => services.publisher.toConsoles(record.helpline_id, 'message.created', message))
  return message
}

/** The row itself, for use-cases that leave a note as part of what they do (a transfer). */
export async function insertNote(
  tx: Tx,
  services: Services,
  input: ConversationRecord & { authorId: string; text: string; kind: string },
) {
  const id = randomUUID()
  await tx.query(
    `insert into message (id, conversation_id, helpline_id, channel_id, direction, author_id, kind, body_sealed, status)
     values ($1, $2, $3, $4, 'note', $5, $6, $7, 'received')`,
    [
      id,
      input.id,
      input.helpline_id,
      input.channel_id,
      input.authorId,
      input.kind,
      sealerOf(services.keyring, input).seal(input.text, `message:${id}`),
    ],
  )
  return id
}
