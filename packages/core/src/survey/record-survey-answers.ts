// The widget's survey: the person's answers (or that they skipped it, an empty set) go into the
// anonymous facts of their last conversation on this door, once, within a few hours of its close.
// The visitor is whoever holds the token, as everywhere in the widget API: another visitor's token
// finds no conversation of theirs to answer for.
import type { Queryable } from '@ascolto/db'
import type { WidgetSurveyBody } from '@ascolto/protocol'
import type { Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import type { WidgetChannel } from '../widget/describe-widget.ts'
import { SURVEY_HOURS, surveyAnswerProblems, surveyFor } from './survey-rules.ts'

/** The visitor's last conversation on this door when it closed within the survey's hours (the person not blocked). */
export async function surveyDueFor(
  db: Queryable,
  services: Pick<Services, 'keyring'>,
  { channel, settings }: WidgetChannel,
  token: string,
): Promise<{ conversationId: string; answered: boolean } | null> {
  if (!surveyFor(settings, 'webchat')) return null
  const { rows } = await db.query<{ id: string; closed: boolean; answered: boolean }>(
    `select c.id, c.status = 'closed' and c.closed_at > now() - make_interval(hours => $3) as closed,
            exists (select 1 from conversation_fact f where f.conversation_id = c.id
                       and f.survey_answers is not null) as answered
       from contact_identity ci
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
       join contact p on p.id = ci.contact_id
      where ci.channel_id = $1 and ci.address_hash = $2
        -- a block closes the conversation too: a blocked person is not asked how it went
        and not (p.blocked_at is not null and (p.blocked_until is null or p.blocked_until > now()))
      order by c.opened_at desc, c.id desc limit 1`,
    [channel.id, services.keyring.hashAddress(channel.helplineId, token), SURVEY_HOURS],
  )
  const latest = rows[0]
  return latest?.closed ? { conversationId: latest.id, answered: latest.answered } : null
}

export async function recordSurveyAnswers(
  { tx, services }: { tx: Tx; services: Pick<Services, 'keyring'> },
  found: WidgetChannel,
  token: string,
  body: WidgetSurveyBody,
) {
  const survey = surveyFor(found.settings, 'webchat')
  if (!survey) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'This chat has no survey')
  const problems = surveyAnswerProblems(survey, body.answers)
  if (problems.length > 0) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', problems.join('; '))
  const due = await surveyDueFor(tx, services, found, token)
  if (!due) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No closed conversation to answer for')
  const { rowCount } = await tx.query(
    `update conversation_fact set survey_answers = $2
      where conversation_id = $1 and survey_answers is null`,
    [due.conversationId, JSON.stringify(body.answers)],
  )
  if (!rowCount)
    throw new AscoltoError('ASCOLTO_ERR_SURVEY_ANSWERED', 'This conversation’s survey is answered')
  return { recorded: true as const }
}
