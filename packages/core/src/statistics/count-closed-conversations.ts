// The counts behind the statistics, from conversation_fact only: per door and for all doors (how
// many closed, how fast the first reply, how long), per category, per answer of the closing form.
// Every figure groups conversations; none is returned one by one.
import type { Tx } from '../context.ts'

export type Period = { helplineId: string; from: string; to: string }

type Times = { median: number | null; average: number | null }
export type ConversationCounts = {
  closed: number
  answered: number
  firstResponse: Times
  duration: Times
  /** Ended by the person before anyone of the line answered, and how long they had waited. */
  abandoned: number
  abandonedWait: Times
}
export type DoorCounts = ConversationCounts & {
  channelId: string | null
  channelName: string | null
  channelKind: string
}

const IN_PERIOD = 'f.helpline_id = $1 and f.closed_on between $2::date and $3::date'
const timesOf = (column: string, where = 'true') =>
  `jsonb_build_object(
     'median', round(percentile_cont(0.5) within group (order by f.${column}) filter (where ${where}))::int,
     'average', round(avg(f.${column}) filter (where ${where}))::int)`

export async function countClosedConversations(db: Pick<Tx, 'query'>, { helplineId, from, to }: Period) {
  const period = [helplineId, from, to]
  // the empty grouping set is all doors together: one row even when nothing closed
  const doors = await db.query<DoorCounts & { total: boolean }>(
    `select grouping(f.channel_id) = 1 as total,
            f.channel_id as "channelId", ch.name as "channelName", f.channel_kind as "channelKind",
            count(*)::int as closed,
            (count(*) filter (where f.survey_answers is not null and f.survey_answers <> '{}'))::int as answered,
            ${timesOf('first_response_seconds')} as "firstResponse",
            ${timesOf('duration_seconds')} as duration,
            (count(*) filter (where f.abandoned))::int as abandoned,
            ${timesOf('duration_seconds', 'f.abandoned')} as "abandonedWait"
       from conversation_fact f left join channel ch on ch.id = f.channel_id
      where ${IN_PERIOD}
      group by grouping sets ((f.channel_id, ch.name, f.channel_kind), ())
      order by total, f.channel_kind, ch.name nulls last`,
    period,
  )
  const categories = await db.query<{ id: string | null; count: number }>(
    `select c.id, count(*)::int as count
       from conversation_fact f left join lateral unnest(f.categories) as c(id) on true
      where ${IN_PERIOD}
      group by c.id`,
    period,
  )
  const answers = await db.query<{ questionId: string; answerId: string; count: number }>(
    `select o.key as "questionId", o.value as "answerId", count(*)::int as count
       from conversation_fact f cross join lateral jsonb_each_text(f.outcome) o
      where ${IN_PERIOD}
      group by 1, 2`,
    period,
  )
  const total = doors.rows.find((row) => row.total)
  return {
    channels: doors.rows.filter((row) => !row.total).map(({ total: _, ...door }) => door),
    total: {
      closed: total?.closed ?? 0,
      answered: total?.answered ?? 0,
      firstResponse: total?.firstResponse ?? { median: null, average: null },
      duration: total?.duration ?? { median: null, average: null },
      abandoned: total?.abandoned ?? 0,
      abandonedWait: total?.abandonedWait ?? { median: null, average: null },
    },
    categories: categories.rows,
    answers: answers.rows,
  }
}
