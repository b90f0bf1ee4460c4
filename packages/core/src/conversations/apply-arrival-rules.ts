// What the helpline's rules do when a person's message arrives, inside the ingest transaction:
// its automatic assignment where the helpline wants it (the due time is written with a new
// conversation), and the automatic replies (each at most once per opening; none about closing
// time to a person someone of the line is with).
import type { HelplineSettings } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Sealer } from '../crypto/keyring.ts'
import { autoReplyText } from '../helplines/auto-reply-text.ts'
import { openingRulesOf } from '../helplines/helpline-settings.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'
import { type AutoReplyKind, decideAutoReplies, isOpen } from '../policy/index.ts'
import { assignAutomatically } from './assign-automatically.ts'
import { isConversationAttended } from './conversation-attended.ts'

export async function applyArrivalRules(
  tx: Tx,
  settings: HelplineSettings,
  arrival: {
    sealer: Sealer
    helplineId: string
    channelId: string
    contactId: string
    conversationId: string
    conversationCreated: boolean
    firstMessageEver: boolean
    alreadySent: readonly string[]
    /** The conversation's language, where known: the replies go in it where the helpline has it. */
    language: string | null
    at: Date
    /** a call: the caller hears the helpline's words on the line, and is sent nothing in writing */
    silent?: boolean
  },
): Promise<string[]> {
  const rules = openingRulesOf(settings)
  // a new conversation was written with its due time (ingest-inbound-message.ts)
  if (arrival.conversationCreated) await assignAutomatically(tx, settings, arrival)
  if (arrival.silent) return []
  const decided = decideAutoReplies({
    rules,
    instant: arrival.at,
    isFirstMessageEver: arrival.firstMessageEver,
    alreadySentThisOpening: new Set(arrival.alreadySent as AutoReplyKind[]),
    contactBlocked: false,
    // asked only where it matters: closing-time replies
    attended: !isOpen(rules, arrival.at) && (await isConversationAttended(tx, settings, arrival)),
  })
  const sent: string[] = []
  for (const kind of decided) {
    const text = autoReplyText(settings, kind, arrival.at, arrival.language)
    if (text === null) continue
    sent.push(
      await queueOutboundMessage(tx, {
        sealer: arrival.sealer,
        helplineId: arrival.helplineId,
        conversationId: arrival.conversationId,
        channelId: arrival.channelId,
        authorId: null,
        kind: 'auto_reply',
        text,
      }),
    )
    await tx.query(
      'update conversation set auto_replies_sent = array_append(auto_replies_sent, $2) where id = $1',
      [arrival.conversationId, kind],
    )
    if (kind === 'welcome' && settings.policy) {
      // the policy the person was sent, and when: the acceptance it describes
      await tx.query('update contact set policy_version = $2, policy_sent_at = $3 where id = $1', [
        arrival.contactId,
        settings.policy.version,
        arrival.at,
      ])
    }
  }
  return sent
}
