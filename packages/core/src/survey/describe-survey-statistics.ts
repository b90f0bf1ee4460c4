// The survey's figures for a supervisor: per door, the conversations closed in a period (the
// helpline's own dates), how many answered, and how many gave each answer to each question. Read
// from conversation_fact only, so the figures outlive retention and never name a person.
import type { StatisticsQuery, SurveyStatistics } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { addDays, localDateOf } from '../policy/local-days.ts'

export async function describeSurveyStatistics(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: StatisticsQuery,
): Promise<SurveyStatistics> {
  requireRole(actor, helplineId, 'supervisor')
  const settings = await loadHelplineSettings(tx, helplineId)
  const to = query.to ?? localDateOf(services.clock(), settings.timeZone)
  const from = query.from ?? addDays(to, -29)
  for (const [name, day] of Object.entries({ from, to })) {
    if (!isCalendarDay(day)) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `${name}: ${day} is not a day`)
  }
  if (from > to) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'from: must not be after to')
  const period = [helplineId, from, to]
  const channels = await tx.query<SurveyStatistics['channels'][number]>(
    `select f.channel_id as "channelId", ch.name as "channelName", f.channel_kind as "channelKind",
            count(*)::int as closed,
            (count(*) filter (where f.survey_answers is not null and f.survey_answers <> '{}'))::int as answered
       from conversation_fact f left join channel ch on ch.id = f.channel_id
      where f.helpline_id = $1 and f.closed_on between $2::date and $3::date
      group by f.channel_id, ch.name, f.channel_kind
      order by f.channel_kind, ch.name nulls last`,
    period,
  )
  const counts = await tx.query<SurveyStatistics['counts'][number]>(
    `select f.channel_id as "channelId", a.key as "questionId",
            case jsonb_typeof(a.value) when 'boolean' then (case when a.value = 'true' then 'yes' else 'no' end)
                 else a.value #>> '{}' end as answer,
            count(*)::int as count
       from conversation_fact f cross join lateral jsonb_each(f.survey_answers) a
      where f.helpline_id = $1 and f.closed_on between $2::date and $3::date
      group by 1, 2, 3 order by 1, 2, 3`,
    period,
  )
  return {
    helplineId,
    from,
    to,
    questions: (settings.survey?.questions ?? []).map(({ id, kind, text }) => ({ id, kind, text })),
    channels: channels.rows,
    counts: counts.rows,
  }
}

/** '2026-02-30' has the shape of a day but is none. */
const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}
