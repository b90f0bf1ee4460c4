// On a text door (SMS, WhatsApp, Telegram) the survey after the close is a message the person did
// not ask for, and on a shared phone it can expose them. So it is only sent to a person who said
// yes in that conversation: the volunteer asks with one click (this use-case sends the question as
// their reply), a "sì" in answer is the yes (take-survey-consent.ts), and offer-survey.ts sends
// nothing on a text door without it. The widget asks with its own form, on the person's screen.
import type { MessageView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { sendReply } from '../messages/send-reply.ts'
import { surveyConsentQuestion, surveyFor } from './survey-rules.ts'

export async function askSurveyConsent(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<MessageView> {
  const { tx } = context
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  const { rows } = await tx.query<{ kind: string; asked: boolean }>(
    `select ch.kind, c.survey_consent_asked_at is not null as asked
       from conversation c join channel ch on ch.id = c.channel_id where c.id = $1`,
    [conversationId],
  )
  const settings = await loadHelplineSettings(tx, record.helpline_id)
  const kind = rows[0]?.kind ?? ''
  if (kind === 'webchat' || !surveyFor(settings, kind)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This door has no survey to ask about')
  }
  if (rows[0]?.asked)
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'Already asked in this conversation')
  // sendReply keeps its rules: an open conversation, assigned to the one who asks
  const message = await sendReply(context, actor, conversationId, surveyConsentQuestion(settings))
  await tx.query('update conversation set survey_consent_asked_at = now() where id = $1', [conversationId])
  return message
}
