// Automatic triage of a person's message, inside ingest's transaction: the message's level and
// kinds (policy/triage, on this machine), the conversation's level, and at an imminent level a
// safeguarding flag raised by the system, so that the supervisors' consoles and the person on
// call are alerted exactly as for a volunteer's flag, until someone acknowledges it. It never
// writes to the person and never hides anything: it only orders the queue and wakes people up.
import type { HelplineSettings, TriageKind } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import type { ConversationRecord } from '../conversations/find-conversation.ts'
import { type Triage, triageMessage } from '../policy/index.ts'
import { recordFlag } from '../safeguarding/raise-flag.ts'
import { updateConversationRisk } from './conversation-risk.ts'

const KIND_WORDS: Record<'it' | 'en', Record<TriageKind, string>> = {
  it: {
    suicide_self_harm: 'suicidio o autolesionismo',
    violence_abuse: 'violenza o abuso',
    minor_at_risk: 'minore a rischio',
    trafficking_exploitation: 'tratta o sfruttamento',
    substance_emergency: 'emergenza da sostanze',
  },
  en: {
    suicide_self_harm: 'suicide or self-harm',
    violence_abuse: 'violence or abuse',
    minor_at_risk: 'a minor at risk',
    trafficking_exploitation: 'trafficking or exploitation',
    substance_emergency: 'substance emergency',
  },
}

export async function triageInboundMessage(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  settings: Pick<HelplineSettings, 'triage' | 'languages'>,
  message: { id: string; conversationId: string; text: string },
): Promise<Triage> {
  const triage = triageMessage(message.text, settings.triage)
  await context.tx.query('update message set risk_level = $2, risk_kinds = $3 where id = $1', [
    message.id,
    triage.level,
    triage.kinds,
  ])
  await applyTriage(context, settings, message.conversationId, triage)
  return triage
}

/**
 * What a message's triage, already stored with it, does to its conversation: its level, and at an
 * imminent level the system's flag.
 */
async function applyTriage(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  settings: Pick<HelplineSettings, 'languages'>,
  conversationId: string,
  triage: Triage,
): Promise<void> {
  await updateConversationRisk(context.tx, conversationId)
  await raiseImminentFlag(context, settings, conversationId, triage)
}

/**
 * At an imminent level, the system's flag on the conversation. Ingest calls it alone: the
 * message's own statement stores its level and sets the conversation's (store-inbound-message.ts).
 */
export async function raiseImminentFlag(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  settings: Pick<HelplineSettings, 'languages'>,
  conversationId: string,
  triage: Triage,
): Promise<void> {
  const { tx } = context
  if (triage.level !== 'imminent') return

  // one open imminent flag per conversation: a second imminent message alerts through the same one
  const { rows } = await tx.query<ConversationRecord & { flagged: boolean }>(
    `select c.id, c.helpline_id, c.channel_id, c.contact_id, c.status, c.assignee_id, k.key_sealed,
            exists (select 1 from safeguarding_flag f
                     where f.conversation_id = c.id and f.kind = 'imminent_risk' and f.acknowledged_at is null) as flagged
       from conversation c left join keystore.contact_key k on k.contact_id = c.contact_id
      where c.id = $1`,
    [conversationId],
  )
  const record = rows[0]
  if (record && !record.flagged) {
    // the flag's reason, read by supervisors: the kinds in the helpline's language, then the words
    const words = KIND_WORDS[settings.languages[0] === 'en' ? 'en' : 'it']
    const reason =
      `${triage.kinds.map((kind) => words[kind]).join(', ')}: ${triage.phrases.map((p) => `«${p}»`).join(' · ')}`.slice(
        0,
        2000,
      )
    await recordFlag(context, record, { kind: 'imminent_risk', reason }, null)
  }
}
