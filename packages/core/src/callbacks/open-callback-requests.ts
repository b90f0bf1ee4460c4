// A voicemail, once stored by the ingest path (contact, conversation, blocking, due time and
// automatic replies as for any message), asks for a call-back: one request per voicemail, due
// inside the helpline's next opening hours. A retried recording callback finds it there and
// changes nothing; a blocked person's kept voicemail asks for nothing. The consoles already heard
// of the conversation from the ingest, and fetch the call-backs again.
import type { ChannelConnection, InboundMessage } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { dueTime } from '../policy/index.ts'

export async function openCallbackRequests(
  pool: Pool,
  keyring: Keyring,
  connection: ChannelConnection,
  voicemails: readonly InboundMessage[],
  /** When they arrived, as the helpline's rules see time (the services' clock). */
  at: Date,
): Promise<number> {
  let opened = 0
  for (const voicemail of voicemails) {
    const created = await withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<{ id: string; conversation_id: string }>(
        `select m.id, m.conversation_id from message m join conversation c on c.id = m.conversation_id
          where m.channel_id = $1 and m.provider_message_id = $2 and m.direction = 'inbound'
            and m.hidden_at is null and c.status <> 'closed'`,
        [connection.id, keyring.hashProviderId(connection.id, voicemail.providerMessageId)],
      )
      const message = rows[0]
      if (!message) return false
      const settings = await loadHelplineSettings(tx, connection.helplineId)
      const inserted = await tx.query<{ id: string }>(
        `insert into callback_request (helpline_id, conversation_id, message_id, due_at)
         values ($1, $2, $3, $4) on conflict (message_id) do nothing returning id`,
        [connection.helplineId, message.conversation_id, message.id, dueTime(openingRulesOf(settings), at)],
      )
      return inserted.rowCount === 1
    })
    if (created) opened++
  }
  return opened
}
