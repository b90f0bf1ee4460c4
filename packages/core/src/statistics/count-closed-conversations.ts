// The counts behind the statistics, from the daily rollup of conversation_fact (0050): per door and
// for all doors (how many closed, how long in queue, how fast the first reply, how long), per
// category, per answer of the closing form. Every figure groups conversations; none is returned one by one. The rollup is
// read once for the counts (the period's rows folded first into the few that differ in what is
// counted here) and once for the times (the histogram of seconds): two passes for any period.
import type { Tx } from '../context.ts'
import { timesOfHistogram } from './times-of-histogram.ts'

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
  /** From when the person waited for the line until a person of the line took the conversation. */
  queue: Times
}
export type DoorCounts = ConversationCounts & {
  channelId: string | null
  channelName: string | null
  channelKind: string
}

type CountedDoor = Pick<
  DoorCounts,
  'channelId' | 'channelName' | 'channelKind' | 'closed' | 'answered' | 'abandoned'
>

export async function countClosedConversations(db: Pick<Tx, 'query'>, { helplineId, from, to }: Period) {
  const period = [helplineId, from, to]
  const [{ rows }, times] = await Promise.all([
    db.query<{
      doors: (CountedDoor & { total: boolean })[]
      categories: { id: string | null; count: number }[] | null
      answers: { questionId: string; answerId: string; count: number }[] | null
    }>(
      `with g as materialized (
       select f.channel_id, f.channel_kind, f.categories, f.outcome, f.abandoned,
              coalesce(f.survey_answers <> '{}', false) as answered, sum(f.conversations)::int as n
         from conversation_fact_day f
        where f.helpline_id = $1 and f.closed_on between $2::date and $3::date
        group by 1, 2, 3, 4, 5, 6)
     select
       -- the empty grouping set is all doors together: one row even when nothing closed
       (select json_agg(d order by d.total, d."channelKind", d."channelName" nulls last) from (
          select grouping(g.channel_id) = 1 as total,
                 g.channel_id as "channelId", ch.name as "channelName", g.channel_kind as "channelKind",
                 coalesce(sum(g.n), 0)::int as closed,
                 coalesce(sum(g.n) filter (where g.answered), 0)::int as answered,
                 coalesce(sum(g.n) filter (where g.abandoned), 0)::int as abandoned
            from g left join channel ch on ch.id = g.channel_id
           group by grouping sets ((g.channel_id, ch.name, g.channel_kind), ())) d) as doors,
       (select json_agg(c) from (
          select c.id, sum(g.n)::int as count
            from g left join lateral unnest(g.categories) as c(id) on true
           group by c.id) c) as categories,
       (select json_agg(a) from (
          select o.key as "questionId", o.value as "answerId", sum(g.n)::int as count
            from g cross join lateral jsonb_each_text(g.outcome) o
           group by 1, 2) a) as answers`,
      period,
    ),
    timesOfHistogram(db, 'conversation', { helplineId, from, to }),
  ])
  const { doors, categories, answers } = rows[0] ?? { doors: [], categories: null, answers: null }
  const withTimes = ({ total: _, ...door }: CountedDoor & { total: boolean }, total: boolean) => {
    const timesOf = times(total ? undefined : door)
    return {
      ...door,
      firstResponse: timesOf('first_response'),
      duration: timesOf('duration'),
      abandonedWait: timesOf('abandoned_wait'),
      queue: timesOf('queue'),
    }
  }
  const total = doors.find((row) => row.total)
  const {
    channelId: _,
    channelName: __,
    channelKind: ___,
    ...totals
  } = withTimes(
    total ?? {
      total: true,
      channelId: null,
      channelName: null,
      channelKind: '',
      closed: 0,
      answered: 0,
      abandoned: 0,
    },
    true,
  )
  return {
    channels: doors.filter((row) => !row.total).map((row) => withTimes(row, false)),
    total: totals,
    categories: categories ?? [],
    answers: answers ?? [],
  }
}
