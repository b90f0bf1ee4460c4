// A file a person sent, opened for a member of staff of its helpline: outside the wall the same
// "not found" as an id that does not exist; a hidden message's file for supervisors only, like
// its text.
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
): Promise<MessageMedia> {
  const { rows } = await db.query<{
    helpline_id: string
    hidden: boolean
    mime_type: string
    sealed: Buffer
  }>(
    `select f.helpline_id, m.hidden_at is not null as hidden, f.mime_type, f.sealed
       from media_file f join message m on m.id = f.message_id
      where f.message_id = $1 and f.helpline_id = any($2::uuid[])`,
    [messageId, helplineIdsOf(actor)],
  )
  const file = rows[0]
  if (!file || (file.hidden && !isSupervising(actor, file.helpline_id))) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'File not found')
  }
  return {
    bytes: keyring.openBytes(file.helpline_id, file.sealed, mediaContext(messageId)),
    mimeType: file.mime_type,
    inline: isShownInline(file.mime_type),
  }
}
