// A person's message stored, and its arrival recorded, in one statement: the message (with its
// triage), their last activity (retention counts from it), the conversation's latest message,
// language and risk level (triage/conversation-risk.ts, this message counted), and the replies
// held while the channel's reply window was closed (reply-window.ts), released now, oldest first.
// One round trip where these were five; one for the messages of several people arriving together
// in one transaction (transactions/transaction-groups.ts).

import type { Tx } from '../context.ts'
import { languageAssignment } from '../conversations/note-conversation-language.ts'
import { enqueue } from '../outbox/outbox.ts'
import type { Triage } from '../policy/index.ts'
import { statementBatches } from '../transactions/statement-batches.ts'
import { conversationRiskSql, riskParameters } from '../triage/conversation-risk.ts'

// the conversation's level with this message counted, where it is triaged
const ARRIVING_RISK = conversationRiskSql(
  { conversation: 'a.conversation_id', hours: '$16', imminentFlag: '$17', otherFlag: '$18', wordList: '$19' },
  { level: 'a.arriving_level', flagged: 'a.flagged' },
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

type Released = { id: string; conversation_id: string }
type StoredRow = { created_at: Date; language: string | null; released: Released[] }

/** Returns when it was stored, the conversation's language now, and the released replies' ids. */
export async function storeInboundMessage(
  tx: Tx,
  message: StoredMessage,
): Promise<{ createdAt: Date; language: string | null; released: string[] }> {
  const row = await storeTogether(tx, message)
  for (const released of row.released) {
    await enqueue(tx, 'deliver_message', `conversation:${released.conversation_id}`, {
      messageId: released.id,
    })
  }
  return { createdAt: row.created_at, language: row.language, released: row.released.map((r) => r.id) }
}

// the messages of several people in this transaction, one statement (transactions/statement-batches.ts)
const storeTogether = statementBatches<StoredMessage, StoredRow>(async (tx, messages) => {
  // one message per conversation in a statement: its level counts the message arriving with it
  const rounds: StoredMessage[][] = []
  for (const message of messages) {
    const round = rounds.find((r) => r.every((m) => m.conversationId !== message.conversationId))
    if (round) round.push(message)
    else rounds.push([message])
  }
  const stored = new Map<StoredMessage, StoredRow>()
  for (const round of rounds) {
    const rows = await storeRound(tx, round)
    for (const [index, message] of round.entries()) {
      const row = rows[index]
      if (row) stored.set(message, row)
    }
  }
  return messages.map((message) => stored.get(message) ?? new Error('Message insert returned nothing'))
})

async function storeRound(tx: Tx, messages: readonly StoredMessage[]) {
  const { rows } = await tx.query<StoredRow>({
    // prepared once per connection (named): PostgreSQL plans it once, not at every message
    name: 'store-inbound-messages',
    text: `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::bytea[], $7::text[],
                            $8::bytea[], $9::boolean[], $10::boolean[], $11::text[], $12::text[], $13::uuid[],
                            $14::text[], $15::text[])
         with ordinality as i(message_id, conversation_id, helpline_id, channel_id, kind, body_sealed,
                              provider_id_hash, provider_id_sealed, flagged, hidden, arriving_level, arriving_kinds,
                              contact_id, chosen, detected, n)),
     stored as (
       insert into message (id, conversation_id, helpline_id, channel_id, direction, kind, body_sealed, status,
                            provider_message_id, provider_id_sealed, flagged, hidden_at, hidden_reason,
                            risk_level, risk_kinds)
       select message_id, conversation_id, helpline_id, channel_id, 'inbound', kind, body_sealed, 'received',
              provider_id_hash, provider_id_sealed, flagged, case when hidden then now() end,
              case when hidden then 'blocked' end, arriving_level, string_to_array(arriving_kinds, ',')
         from input order by n
       returning id, created_at),
     arrived as (select i.*, s.created_at from input i join stored s on s.id = i.message_id),
     person as (update contact c set last_inbound_at = a.created_at from arrived a where c.id = a.contact_id),
     door as (update contact_identity ci set last_inbound_at = a.created_at from arrived a
               where ci.contact_id = a.contact_id and ci.channel_id = a.channel_id),
     latest as (
       update conversation c set last_message_at = a.created_at, ${languageAssignment('a.chosen', 'a.detected')},
              risk_level = case when a.arriving_level is null then c.risk_level else ${ARRIVING_RISK} end
         from arrived a
        where c.id = a.conversation_id and not a.hidden returning c.id, c.language),
     released as (
       update message m set status = 'queued', updated_at = now()
         from conversation c, input i
        where not i.hidden and m.channel_id = i.channel_id and m.status = 'held'
          and c.id = m.conversation_id and c.contact_id = i.contact_id
       returning m.id, m.conversation_id, m.seq, i.message_id as arrived_id)
     select a.created_at, l.language,
            coalesce((select json_agg(json_build_object('id', r.id, 'conversation_id', r.conversation_id) order by r.seq)
                        from released r where r.arrived_id = a.message_id), '[]') as released
       from arrived a left join latest l on l.id = a.conversation_id
      order by a.n`,
    values: [
      messages.map((m) => m.id),
      messages.map((m) => m.conversationId),
      messages.map((m) => m.helplineId),
      messages.map((m) => m.channelId),
      messages.map((m) => m.kind),
      messages.map((m) => m.bodySealed),
      messages.map((m) => m.providerIdHash),
      messages.map((m) => m.providerIdSealed),
      messages.map((m) => m.flagged),
      messages.map((m) => m.hidden),
      messages.map((m) => m.triage?.level ?? null),
      // a triage's kinds are words of its own: a comma never is one
      messages.map((m) => m.triage?.kinds.join(',') ?? null),
      messages.map((m) => m.contactId),
      messages.map((m) => m.language.chosen),
      messages.map((m) => m.language.detected),
      ...riskParameters,
    ],
  })
  return rows
}
