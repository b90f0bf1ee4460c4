// A call ringing at a helpline's phone, decided while the caller waits: refused if the person is
// blocked; in hours, forwarded by the channel (when it has an on-shift phone); out of hours, or
// when the forward went unanswered, the helpline's message and a voicemail. Reads only.
import type { CallAnswer, ChannelConnection, InboundCall } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Services } from '../context.ts'
import { autoReplyText, localeOf } from '../helplines/auto-reply-text.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { decideAutoReplies, describeNextOpening, isOpen } from '../policy/index.ts'
import { VOICE_PROMPTS } from './voice-prompts.ts'

export async function answerCall(
  db: Queryable,
  services: Pick<Services, 'keyring' | 'clock'>,
  connection: ChannelConnection,
  call: InboundCall,
): Promise<CallAnswer> {
  const { helplineId } = connection
  const blocked = await db.query(
    `select 1 from contact_identity ci join contact c on c.id = ci.contact_id
      where ci.channel_id = $1 and ci.address_hash = $2
        and c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now())`,
    [connection.id, services.keyring.hashAddress(helplineId, call.from)],
  )
  if (blocked.rowCount) return { action: 'reject' }

  const settings = await loadHelplineSettings(db, helplineId)
  const rules = openingRulesOf(settings)
  const now = services.clock()
  const language = localeOf(settings)
  const prompts = VOICE_PROMPTS[language]
  const open = isOpen(rules, now)
  let message: string
  if (open) {
    message = prompts.busy
  } else {
    const [closedKind] = decideAutoReplies({
      rules,
      instant: now,
      isFirstMessageEver: false,
      alreadySentThisOpening: new Set(),
      contactBlocked: false,
      // a call rings now: nobody is on it yet
      attended: false,
    })
    message =
      (closedKind ? autoReplyText(settings, closedKind, now) : null) ??
      prompts.closed(describeNextOpening(rules, now, language))
  }
  return { action: 'answer', open, message: `${message} ${prompts.leaveMessage}`, language }
}
