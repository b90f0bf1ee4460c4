// A voicemail's transcription, arriving after it: it becomes the voicemail's text (sealed like
// any message), so the console shows it in the conversation, and is triaged as a message is.
// Repeats only write the same text.
import type { ChannelConnection, InboundTranscription } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Services } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { triageInboundMessage } from '../triage/triage-inbound-message.ts'

export async function addTranscriptions(
  { pool, services }: { pool: Pool; services: Services },
  connection: ChannelConnection,
  transcriptions: readonly InboundTranscription[],
): Promise<number> {
  let added = 0
  for (const transcription of transcriptions) {
    await withTransaction(pool, async (tx, afterCommit) => {
      const { rows } = await tx.query<{ id: string; conversation_id: string }>(
        `select id, conversation_id from message where channel_id = $1 and provider_message_id = $2
            and kind = 'voicemail' and direction = 'inbound' for update`,
        [connection.id, services.keyring.hashProviderId(connection.id, transcription.providerMessageId)],
      )
      const voicemail = rows[0]
      if (!voicemail) return
      const { id, conversation_id: conversationId } = voicemail
      const sealer = await contactSealer(tx, services.keyring, { conversationId })
      await tx.query('update message set body_sealed = $2, updated_at = now() where id = $1', [
        id,
        sealer.seal(transcription.text, `message:${id}`),
      ])
      const settings = await loadHelplineSettings(tx, connection.helplineId)
      await triageInboundMessage({ tx, afterCommit, services }, settings, {
        id,
        conversationId,
        text: transcription.text,
      })
      const view = await loadMessageView(tx, services.keyring, connection.helplineId, id)
      const conversation = await loadConversationView(
        tx,
        services.keyring,
        [connection.helplineId],
        conversationId,
      )
      afterCommit(() => {
        services.publisher.toConsoles(connection.helplineId, 'message.updated', view)
        if (conversation)
          services.publisher.toConsoles(connection.helplineId, 'conversation.updated', conversation)
      })
      added++
    })
  }
  return added
}
