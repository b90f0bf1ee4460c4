import type { Queryable } from '@ascolto/db'
import { isConversationAttended } from '../conversations/conversation-attended.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'

/** Whether someone of the line is with this visitor now: the widget says so instead of "closed". */
export async function visitorAttended(
  db: Queryable,
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  token: string,
  at: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ contact_id: string }>(
    'select contact_id from contact_identity where channel_id = $1 and address_hash = $2',
    [channel.id, keyring.hashAddress(channel.helplineId, token)],
  )
  const contactId = rows[0]?.contact_id
  if (!contactId) return false
  const settings = await loadHelplineSettings(db, channel.helplineId)
  return isConversationAttended(db, settings, { contactId, channelId: channel.id, at })
}
