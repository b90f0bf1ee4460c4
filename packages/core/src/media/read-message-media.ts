// A file a person sent, opened for a member of staff of its helpline: outside the wall the same
// "not found" as an id that does not exist; a hidden message's file for supervisors only, like
// its text. A read of a conversation's file is in its helpline's log, like the conversation's:
// once per file and session, whatever part a player asks for (any Range serves bytes), written
// only once the file has opened, in the caller's transaction.
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { helplineIdsOf } from '../context.ts'
import { isSupervising } from '../conversations/find-conversation.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { mediaContext } from './fetch-message-media.ts'
import { isShownInline } from './media-types.ts'

export type MessageMedia = { bytes: Buffer; mimeType: string; inline: boolean }

export async function readMessageMedia(
  db: Pick<Tx, 'query'>,
  keyring: Keyring,
  actor: Actor,
  messageId: string,
  /** the reader's session: its first read of the file is audited, a player's later parts are not */
  session: { startedAt: Date },
): Promise<MessageMedia> {
  const { rows } = await db.query<{
    message_id: string
    helpline_id: string
    conversation_id: string
    contact_id: string
    key_sealed: Buffer | null
    hidden: boolean
    mime_type: string
    sealed: Buffer
  }>(
    `select f.message_id, f.helpline_id, m.conversation_id, c.contact_id, k.key_sealed, m.hidden_at is not null as hidden, f.mime_type, f.sealed
       from media_file f join message m on m.id = f.message_id join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where f.message_id = $1 and f.helpline_id = any($2::uuid[])`,
    [messageId, helplineIdsOf(actor)],
  )
  const file = rows[0]
  if (!file || (file.hidden && !isSupervising(actor, file.helpline_id))) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'File not found')
  }
  // the id as stored (the one asked for may be written in capitals): what the file is sealed to
  const id = file.message_id
  const bytes = keyring
    .contact(file.helpline_id, file.contact_id, file.key_sealed)
    .openBytes(file.sealed, mediaContext(id))
  // one reader's parallel parts (a player's) write one row
  await db.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `media-read:${actor.userId}:${id}`,
  ])
  const { rowCount } = await db.query(
    `select 1 from audit_event where actor_id = $1 and action = 'message.media_read'
        and subject_id = $2 and details->>'messageId' = $3 and at >= $4 limit 1`,
    [actor.userId, file.conversation_id, id, session.startedAt],
  )
  if (!rowCount) {
    await recordAuditEvent(db, {
      helplineId: file.helpline_id,
      actorId: actor.userId,
      action: 'message.media_read',
      subjectType: 'conversation',
      subjectId: file.conversation_id,
      details: { messageId: id },
    })
  }
  return { bytes, mimeType: file.mime_type, inline: isShownInline(file.mime_type) }
}
