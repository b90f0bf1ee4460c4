// The calls behind the statistics, from call_fact only (no person, no number): per door and for
// all doors, how many, how each ended, how long they rang and lasted, how soon a call-back came.
import type { CallCounts } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'

const timesOf = (column: string) =>
  `jsonb_build_object(
     'median', round(percentile_cont(0.5) within group (order by f.${column}))::int,
     'average', round(avg(f.${column}))::int)`
const counted = (outcome: string) => `(count(*) filter (where f.outcome = '${outcome}'))::int`

export async function countCalls(
  db: Pick<Tx, 'query'>,
  { helplineId, from, to }: Period,
): Promise<CallCounts[]> {
  const { rows } = await db.query<CallCounts & { total: boolean }>(
    `select grouping(f.channel_id) = 1 as total, f.channel_id as "channelId", ch.name as "channelName",
            count(*)::int as calls, ${counted('answered')} as answered, ${counted('unanswered')} as unanswered,
            ${counted('voicemail')} as voicemail, ${counted('refused')} as refused,
            ${counted('abandoned')} as abandoned,
            ${timesOf('ring_seconds')} as ring, ${timesOf('talk_seconds')} as talk,
            ${timesOf('callback_seconds')} as "callbackFirstResponse"
       from call_fact f left join channel ch on ch.id = f.channel_id
      where f.helpline_id = $1 and f.day between $2::date and $3::date
      group by grouping sets ((f.channel_id, ch.name), ())
      order by total, ch.name nulls last`,
    [helplineId, from, to],
  )
  // no call at all: no row for the doors, and none for all of them
  return rows.filter((row) => row.calls !== 0).map(({ total: _, ...door }) => door)
}
