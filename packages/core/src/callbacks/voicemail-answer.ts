// What a caller hears when nobody answers: the helpline's own out-of-hours (or holiday) text out of
// hours, the busy words in hours, then how to leave a voicemail. Reads only.
import type { CallAnswer } from '@ascolto/channels'
import type { HelplineSettings } from '@ascolto/protocol'
import { autoReplyText, localeOf } from '../helplines/auto-reply-text.ts'
import { openingRulesOf } from '../helplines/helpline-settings.ts'
import { decideAutoReplies, describeNextOpening, isOpen } from '../policy/index.ts'
import { VOICE_PROMPTS } from './voice-prompts.ts'

export function voicemailAnswer(settings: HelplineSettings, now: Date): CallAnswer {
  const rules = openingRulesOf(settings)
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
      // a call nobody took: nobody is with the caller; its words are not read
      attended: false,
      imminentRisk: false,
    })
    message =
      (closedKind ? autoReplyText(settings, closedKind, now) : null) ??
      prompts.closed(describeNextOpening(rules, now, language))
  }
  return { action: 'answer', open, message: `${message} ${prompts.leaveMessage}`, language }
}
