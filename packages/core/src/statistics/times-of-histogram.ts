// Medians and averages of seconds per door and for all doors, from a period's histogram of seconds
// kept by day (0050: conversation_seconds_day for the first reply, the duration, the wait of those
// who left before an answer and, 0058, the time in queue; call_seconds_day for ringing, talking and
// the call-back; 0058: conversation_wait_day, the charts' waits by their filters): the figures
// percentile_cont(0.5) and avg give over the facts, found by counting instead of sorting.
// percentile_cont over n values takes the values at positions ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉ (from 0) and
// interpolates in float8, as PostgreSQL does; the average is the sum over the count in numeric, as
// avg of integers is; each rounded as the facts' queries round them.
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'

type Times = { median: number | null; average: number | null }
type Row = Times & { total: boolean; channelId: string | null; channelKind: string | null; measure: string }

const SOURCES = {
  conversation: {
    table: 'conversation_seconds_day',
    day: 'closed_on',
    kind: 'f.channel_kind',
    measure: 'f.measure',
    count: 'conversations',
  },
  call: { table: 'call_seconds_day', day: 'day', kind: 'null::text', measure: 'f.measure', count: 'calls' },
  // 0058: the charts' waits, by door, language, categories and flags
  wait: {
    table: 'conversation_wait_day',
    day: 'closed_on',
    kind: 'null::text',
    measure: 'f.measure',
    count: 'conversations',
  },
}

/** Conditions on the histogram's rows `f` and their values, the period's first: $1 to $3. */
export type Filtered = { values: unknown[]; where: string[] }

export async function timesOfHistogram(
  db: Pick<Tx, 'query'>,
  source: keyof typeof SOURCES,
  { helplineId, from, to }: Period,
  filtered: Filtered = {
    values: [helplineId, from, to],
    where: ['f.helpline_id = $1', `f.${SOURCES[source].day} between $2::date and $3::date`],
  },
) {
  const { table, kind, measure, count } = SOURCES[source]
  const { rows } = await db.query<Row>(
    `with doors as materialized (
       select f.channel_id, ${kind} as channel_kind, ${measure} as measure, f.seconds, sum(f.${count}) as n
         from ${table} f
        where ${filtered.where.join(' and ')}
        group by 1, 2, 3, 4),
     -- all doors from the doors' histograms (a grouping set would hash the period's rows twice)
     h as (
       select false as total, doors.* from doors
       union all
       select true, null, null, measure, seconds, sum(n) from doors group by measure, seconds),
     r as (
       select h.*, sum(n) over (w order by seconds) as upto, sum(n) over w as count,
              sum(n * seconds) over w as sum, (sum(n) over w - 1) / 2.0 as pos
         from h window w as (partition by total, channel_id, channel_kind, measure))
     select total, channel_id as "channelId", channel_kind as "channelKind", measure,
            round(lo::float8 + (hi - lo)::float8 * (pos - floor(pos))::float8)::int as median,
            round(sum / count)::int as average
       from (select r.total, r.channel_id, r.channel_kind, r.measure, r.count, r.sum, r.pos,
                    min(r.seconds) filter (where r.upto > floor(r.pos)) as lo,
                    min(r.seconds) filter (where r.upto > ceil(r.pos)) as hi
               from r group by 1, 2, 3, 4, 5, 6, 7) m`,
    filtered.values,
  )
  /** The times of a door (by its id, and its kind for a conversation), or of all doors. */
  return (door?: { channelId: string | null; channelKind?: string }) =>
    (measure: string): Times => {
      const row = rows.find(
        (r) =>
          r.measure === measure &&
          (door
            ? !r.total && r.channelId === door.channelId && r.channelKind === (door.channelKind ?? null)
            : r.total),
      )
      return { median: row?.median ?? null, average: row?.average ?? null }
    }
}
