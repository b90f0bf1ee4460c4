// A voicemail, once stored by the ingest path (contact, conversation, blocking, due time and
// automatic replies as for any message), asks for a call-back: one request per voicemail, due
// inside the helpline's next opening hours. A retried recording callback finds it there and
// changes nothing; a blocked person's kept voicemail asks for nothing. The consoles already heard
// of the conversation from the ingest; they hear of a new call-back after its commit.
import type { ChannelConnection, InboundMessage } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Services } from '../context.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { dueTime } from '../policy/index.ts'
import { announceCallbacks } from './announce-callbacks.ts'

export async function openCallbackRequests(
  { pool, services }: { pool: Pool; services: Services },
  connection: ChannelConnection,
  voicemails: readonly InboundMessage[],
): Promise<number> {
  const { keyring } = services
  // when they arrived, as the helpline's rules see time
  const at = services.clock()
  let opened = 0
  for (const voicemail of voicemails) {
    const created = await withTransaction(pool, async (tx, afterCommit) => {
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
      if (inserted.rowCount !== 1) return false
      announceCallbacks({ afterCommit, services }, connection.helplineId)
      return true
    })
    if (created) opened++
  }
  return opened
}
