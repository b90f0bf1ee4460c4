// The person ends the chat from the widget ("end chat", or quick exit): their open conversation is
// left (person-left.ts: closed as ended before an answer, or kept for the volunteer who is in it).
// The widget forgets the token, so their next message opens a new conversation.
import type { ChannelConnection } from '@ascolto/channels'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { markPersonLeft } from './person-left.ts'

/** Whether a conversation was open and is now left; nothing to end is not an error. */
export async function endConversationByVisitor(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  channel: ChannelConnection,
  address: string,
): Promise<{ ended: boolean }> {
  const { rows } = await context.tx.query<{ id: string }>(
    `select c.id from contact_identity ci
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
      where ci.channel_id = $1 and ci.address_hash = $2 and c.status <> 'closed'`,
    [channel.id, context.services.keyring.hashAddress(channel.helplineId, address)],
  )
  const id = rows[0]?.id
  if (!id) return { ended: false }
  const left = await markPersonLeft(
    context,
    { id, helplineId: channel.helplineId, channelId: channel.id },
    'ended',
  )
  return { ended: left !== null }
}
