// What the helpline's rules do when a person's message arrives, inside the ingest transaction:
// its automatic assignment where the helpline wants it (the due time is written with a new
// conversation), the automatic replies (each at most once per opening; none about closing
// time to a person someone of the line is with; where to find help now to an imminent risk written
// while closed), and on a messaging door the wait, once.
import type { HelplineSettings } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Sealer } from '../crypto/keyring.ts'
import { autoReplyText } from '../helplines/auto-reply-text.ts'
import { openingRulesOf } from '../helplines/helpline-settings.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'
import { type AutoReplyKind, decideAutoReplies, isOpen } from '../policy/index.ts'
import { describeWaits } from '../waiting/describe-waits.ts'
import { waitMessageText } from '../waiting/wait-message.ts'
import { assignAutomatically } from './assign-automatically.ts'
import { isConversationAttended } from './conversation-attended.ts'

/** In `auto_replies_sent`: the wait was told, once for the whole conversation (never cleared). */
const WAIT_TOLD = 'wait'

type Arrival = {
  sealer: Sealer
  helplineId: string
  channelId: string
  contactId: string
  conversationId: string
  conversationCreated: boolean
  firstMessageEver: boolean
  alreadySent: readonly string[]
  /** This message reads as an imminent risk (its triage): closed, the person is told where help is now. */
  imminentRisk: boolean
  /** The conversation's language, where known: the replies go in it where the helpline has it. */
  language: string | null
  at: Date
  /** a call: the caller hears the helpline's words on the line, and is sent nothing in writing */
  silent?: boolean
}

export async function applyArrivalRules(
  tx: Tx,
  settings: HelplineSettings,
  arrival: Arrival,
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
    imminentRisk: arrival.imminentRisk,
  })
  const sent: string[] = []
  for (const kind of decided) {
    const text = autoReplyText(settings, kind, arrival.at, arrival.language)
    if (text === null) continue
    sent.push(await sendAutoReply(tx, arrival, kind, text))
    if (kind === 'welcome' && settings.policy) {
      // the policy the person was sent, and when: the acceptance it describes
      await tx.query('update contact set policy_version = $2, policy_sent_at = $3 where id = $1', [
        arrival.contactId,
        settings.policy.version,
        arrival.at,
      ])
    }
  }
  const told = await tellWait(tx, settings, arrival)
  return told ? [...sent, told] : sent
}

/**
 * On a messaging door, a person left waiting while the line is open hears once where they stand,
 * where the helpline wrote the words for it (the widget shows the wait live instead).
 */
async function tellWait(tx: Tx, settings: HelplineSettings, arrival: Arrival) {
  if (!settings.wait?.message || arrival.alreadySent.includes(WAIT_TOLD)) return null
  if (!isOpen(openingRulesOf(settings), arrival.at)) return null
  const { rows } = await tx.query<{ kind: string }>('select kind from channel where id = $1', [
    arrival.channelId,
  ])
  if (rows[0]?.kind === 'webchat') return null
  const [wait] = await describeWaits(tx, {
    helplineId: arrival.helplineId,
    at: arrival.at,
    of: { conversationId: arrival.conversationId },
  })
  const text = wait && waitMessageText(settings, wait, arrival.at, arrival.language)
  return text ? sendAutoReply(tx, arrival, WAIT_TOLD, text) : null
}

/** Queues an automatic reply and notes its kind as sent in the conversation. */
async function sendAutoReply(tx: Tx, arrival: Arrival, kind: string, text: string) {
  const id = await queueOutboundMessage(tx, {
    sealer: arrival.sealer,
    helplineId: arrival.helplineId,
    conversationId: arrival.conversationId,
    channelId: arrival.channelId,
    authorId: null,
    kind: 'auto_reply',
    text,
  })
  await tx.query(
    'update conversation set auto_replies_sent = array_append(auto_replies_sent, $2) where id = $1',
    [arrival.conversationId, kind],
  )
  return id
}
