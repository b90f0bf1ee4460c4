// A person's message stored, and its arrival recorded, in one statement: the message (with its
// triage), their last activity (retention counts from it), the conversation's latest message,
// language and risk level (triage/conversation-risk.ts, this message counted), and the replies
// held while the channel's reply window was closed (reply-window.ts), released now, oldest first.
// One round trip where these were five.

import type { Tx } from '../context.ts'
import { languageAssignment } from '../conversations/note-conversation-language.ts'
import { enqueue } from '../outbox/outbox.ts'
import type { Triage } from '../policy/index.ts'
import { conversationRiskSql, riskParameters } from '../triage/conversation-risk.ts'

// the conversation's level with this message counted, where it is triaged
const ARRIVING_RISK = conversationRiskSql(
  { conversation: '$2', hours: '$16', imminentFlag: '$17', otherFlag: '$18', wordList: '$19' },
  { level: '$11', flagged: '$9' },
)

export type StoredMessage = {
  id: string
  conversationId: string
  helplineId: string
  channelId: string
  contactId: string
  kind: string
  bodySealed: Buffer
  providerIdHash: string
  providerIdSealed: Buffer
  flagged: boolean
  /** A blocked person's kept message: hidden, and it moves nothing and releases nothing. */
  hidden: boolean
  /** Its triage, where it is triaged (not a blocked person's, nor a survey's answer). */
  triage: Triage | null
  /** The language the person chose (the widget's), or the one the message tells; null for none. */
  language: { chosen: string | null; detected: string | null }
}

/** Returns when it was stored, the conversation's language now, and the released replies' ids. */
export async function storeInboundMessage(
  tx: Tx,
  message: StoredMessage,
): Promise<{ createdAt: Date; language: string | null; released: string[] }> {
  const { rows } = await tx.query<{
    created_at: Date
    language: string | null
    released: Array<{ id: string; conversation_id: string }>
  }>({
    // prepared once per connection (named): PostgreSQL plans it once, not at every message
    name: 'store-inbound-message',
    text: `with stored as (
       insert into message (id, conversation_id, helpline_id, channel_id, direction, kind, body_sealed, status,
                            provider_message_id, provider_id_sealed, flagged, hidden_at, hidden_reason,
                            risk_level, risk_kinds)
       values ($1, $2, $3, $4, 'inbound', $5, $6, 'received', $7, $8, $9,
               case when $10 then now() end, case when $10 then 'blocked' end, $11, $12)
       returning created_at),
     person as (update contact set last_inbound_at = (select created_at from stored) where id = $13),
     door as (update contact_identity set last_inbound_at = (select created_at from stored)
               where contact_id = $13 and channel_id = $4),
     latest as (
       update conversation set last_message_at = (select created_at from stored), ${languageAssignment('$14', '$15')},
              risk_level = case when $11::text is null then risk_level else ${ARRIVING_RISK} end
        where id = $2 and not $10 returning language),
     released as (
       update message m set status = 'queued', updated_at = now()
         from conversation c
        where not $10 and m.channel_id = $4 and m.status = 'held'
          and c.id = m.conversation_id and c.contact_id = $13
       returning m.id, m.conversation_id, m.seq)
     select (select created_at from stored) as created_at, (select language from latest) as language,
            coalesce((select json_agg(json_build_object('id', id, 'conversation_id', conversation_id) order by seq)
                        from released), '[]') as released`,
    values: [
      message.id,
      message.conversationId,
      message.helplineId,
      message.channelId,
      message.kind,
      message.bodySealed,
      message.providerIdHash,
      message.providerIdSealed,
      message.flagged,
      message.hidden,
      message.triage?.level ?? null,
      message.triage?.kinds ?? null,
      message.contactId,
      message.language.chosen,
      message.language.detected,
      ...riskParameters,
    ],
  })
  const row = rows[0]
  if (!row) throw new Error('Message insert returned nothing')
  for (const released of row.released) {
    await enqueue(tx, 'deliver_message', `conversation:${released.conversation_id}`, {
      messageId: released.id,
    })
  }
  return { createdAt: row.created_at, language: row.language, released: row.released.map((r) => r.id) }
}
