// A text channel's answer to the survey: after offer-survey.ts sent the question, a reply of just
// a number from 1 to 5 within the survey's hours is the answer to the conversation just closed (the
// message is kept there, the conversation stays closed, no new one opens). Anything else, a second
// number, or a number after those hours, takes the ordinary road.
import type { HelplineSettings } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { SURVEY_HOURS, surveyNumber, textQuestionOf } from './survey-rules.ts'

export type SurveyReply = { conversationId: string; questionId: string; value: number }

/** The closed conversation this message answers the survey of, or null. */
export async function surveyReplyTarget(
  tx: Tx,
  settings: HelplineSettings,
  arrival: { contactId: string; channelId: string; text: string; at: Date },
): Promise<SurveyReply | null> {
  const value = surveyNumber(arrival.text)
  const question = settings.survey && textQuestionOf(settings.survey)
  if (value === null || !question) return null
  const { rows } = await tx.query<{ id: string }>(
    // the person's last conversation on this door (their messages are serialised by ingest's lock)
    `select c.id from (select id, status, survey_asked_at from conversation
                         where contact_id = $1 and channel_id = $2 order by opened_at desc, id desc limit 1) c
       join conversation_fact f on f.conversation_id = c.id and f.survey_answers is null
      where c.status = 'closed' and c.survey_asked_at > $3::timestamptz - make_interval(hours => $4)`,
    [arrival.contactId, arrival.channelId, arrival.at, SURVEY_HOURS],
  )
  const conversationId = rows[0]?.id
  return conversationId ? { conversationId, questionId: question.id, value } : null
}

export async function recordSurveyReply(tx: Tx, reply: SurveyReply) {
  await tx.query(
    `update conversation_fact set survey_answers = $2
      where conversation_id = $1 and survey_answers is null`,
    [reply.conversationId, JSON.stringify({ [reply.questionId]: reply.value })],
  )
}
