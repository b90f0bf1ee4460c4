// How many gave each answer to each survey question, per door, over a period: booleans read
// 'yes'/'no', scale answers '1'…'5'. From the daily rollup of conversation_fact only (0050).
import type { Tx } from '../context.ts'
import type { Period } from '../statistics/count-closed-conversations.ts'

export async function countSurveyAnswers(db: Pick<Tx, 'query'>, { helplineId, from, to }: Period) {
  const { rows } = await db.query<{
    channelId: string | null
    questionId: string
    answer: string
    count: number
  }>(
    `select f.channel_id as "channelId", a.key as "questionId",
            case jsonb_typeof(a.value) when 'boolean' then (case when a.value = 'true' then 'yes' else 'no' end)
                 else a.value #>> '{}' end as answer,
            sum(f.conversations)::int as count
       from conversation_fact_day f cross join lateral jsonb_each(f.survey_answers) a
      where f.survey_answers is not null and f.helpline_id = $1 and f.closed_on between $2::date and $3::date
      group by 1, 2, 3 order by 1, 2, 3`,
    [helplineId, from, to],
  )
  return rows
}
