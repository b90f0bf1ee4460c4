// The calls behind the statistics, from the daily rollup of call_fact (0050; no person, no number):
// per door and for all doors, how many, how each ended, how long they rang and lasted, how soon a
// call-back came.
import type { CallCounts } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'
import { timesOfHistogram } from './times-of-histogram.ts'

const counted = (outcome: string) => `coalesce(sum(f.calls) filter (where f.outcome = '${outcome}'), 0)::int`

export async function countCalls(db: Pick<Tx, 'query'>, period: Period): Promise<CallCounts[]> {
  const [{ rows }, times] = await Promise.all([
    db.query<Omit<CallCounts, 'ring' | 'talk' | 'callbackFirstResponse'> & { total: boolean }>(
      `select grouping(f.channel_id) = 1 as total, f.channel_id as "channelId", ch.name as "channelName",
            coalesce(sum(f.calls), 0)::int as calls, ${counted('answered')} as answered,
            ${counted('unanswered')} as unanswered, ${counted('voicemail')} as voicemail,
            ${counted('refused')} as refused, ${counted('abandoned')} as abandoned
       from call_fact_day f left join channel ch on ch.id = f.channel_id
      where f.helpline_id = $1 and f.day between $2::date and $3::date
      group by grouping sets ((f.channel_id, ch.name), ())
      order by total, ch.name nulls last`,
      [period.helplineId, period.from, period.to],
    ),
    timesOfHistogram(db, 'call', period),
  ])
  // no call at all: no row for the doors, and none for all of them
  return rows
    .filter((row) => row.calls !== 0)
    .map(({ total, ...door }) => {
      const timesOf = times(total ? undefined : door)
      return {
        ...door,
        ring: timesOf('ring'),
        talk: timesOf('talk'),
        callbackFirstResponse: timesOf('callback'),
      }
    })
}
