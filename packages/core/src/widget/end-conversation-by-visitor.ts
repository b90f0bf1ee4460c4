// The person ends the chat from the widget ("end chat", or quick exit). Their open conversation
// closes, marked as ended by them with a note for the volunteer, and the consoles are told; their
// next message opens a new conversation.
import type { ChannelConnection } from '@ascolto/channels'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { recordConversationFacts } from '../conversations/record-conversation-facts.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { addSystemNote, systemWords } from './add-system-note.ts'

/** Whether a conversation was open and is now closed; nothing to end is not an error. */
export async function endConversationByVisitor(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  channel: ChannelConnection,
  address: string,
): Promise<{ ended: boolean }> {
  const { keyring, publisher } = services
  const { rows } = await tx.query<{ id: string }>(
    `update conversation c set status = 'closed', closed_at = now(), ended_by_visitor_at = now()
       from contact_identity ci
      where ci.channel_id = $1 and ci.address_hash = $2
        and c.contact_id = ci.contact_id and c.channel_id = ci.channel_id and c.status <> 'closed'
      returning c.id`,
    [channel.id, keyring.hashAddress(channel.helplineId, address)],
  )
  const conversationId = rows[0]?.id
  if (!conversationId) return { ended: false }
  // its facts now, like a close by the helpline, so the survey the widget shows has a row to answer in
  await recordConversationFacts(tx, [conversationId])
  const settings = await loadHelplineSettings(tx, channel.helplineId)
  const note = await addSystemNote(
    tx,
    keyring,
    { helplineId: channel.helplineId, channelId: channel.id, conversationId },
    systemWords(settings.languages).ended,
  )
  const view = await loadConversationView(tx, keyring, [channel.helplineId], conversationId)
  afterCommit(() => {
    publisher.toConsoles(channel.helplineId, 'message.created', note)
    if (view) publisher.toConsoles(channel.helplineId, 'conversation.updated', view)
  })
  return { ended: true }
}
