// The person's yes to the survey on a text door: after the volunteer asked (ask-survey-consent.ts),
// a reply that is just a yes ("sì", "si", "yes", "ok") in the same conversation is the consent.
// The message stays an ordinary message; anything else leaves the consent unsaid.
import type { Tx } from '../context.ts'
import { saysYes } from './survey-rules.ts'

export async function takeSurveyConsent(tx: Tx, conversationId: string, text: string) {
  if (!saysYes(text)) return
  await tx.query(
    `update conversation set survey_consented_at = now()
      where id = $1 and survey_consent_asked_at is not null and survey_consented_at is null`,
    [conversationId],
  )
}
