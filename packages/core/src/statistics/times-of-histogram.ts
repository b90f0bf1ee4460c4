// Medians and averages of seconds per door and for all doors, from a period's histogram of seconds
// kept by day (0050: conversation_seconds_day for the first reply, the duration, the wait of those
// who left before an answer and, 0058, the time in queue; call_seconds_day for ringing, talking and
// the call-back; 0058: conversation_wait_day, the charts' waits by their filters): the figures
// percentile_cont(0.5) and avg give over the facts, found by counting instead of sorting.
// percentile_cont over n values takes the values at positions ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉ (from 0) and
// interpolates in float8, as PostgreSQL does; the average is the sum over the count in numeric, as
// avg of integers is; each rounded as the facts' queries round them. Asked for, the same read also
// counts all doors' histogram into buckets of seconds (the charts' bars).
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'

type Times = { median: number | null; average: number | null }
type Bucket = { key: string; count: number }
type Row = Times & {
  total: boolean
  channelId: string | null
  channelKind: string | null
  measure: string
  buckets: Bucket[] | null
}

const SOURCES = {
  conversation: {
    table: 'conversation_seconds_day',
    day: 'closed_on',
    door: 'f.channel_id',
    kind: 'f.channel_kind',
    count: 'conversations',
  },
  call: { table: 'call_seconds_day', day: 'day', door: 'f.channel_id', kind: 'null::text', count: 'calls' },
  // 0058: the charts' waits, whose filters choose the doors: all doors' histogram only
  wait: {
    table: 'conversation_wait_day',
    day: 'closed_on',
    door: 'null::uuid',
    kind: 'null::text',
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
  /** Upper bounds of buckets of seconds (the last bucket has none) to count all doors' histogram in. */
  bounds?: readonly number[],
) {
  const { table, door, kind, count } = SOURCES[source]
  // from the doors' histograms, joined to all doors' row (a subquery per row of h took ten times as long)
  const buckets = bounds
    ? {
        with: `, b as (
           select measure, json_agg(json_build_object('key', key, 'count', count)) as buckets
             from (select measure, width_bucket(seconds, array[${bounds.join(',')}])::text as key, sum(n)::int as count
                     from doors group by 1, 2) counted
            group by measure)`,
        column: 'b.buckets',
        join: 'left join b on m.total and b.measure = m.measure',
      }
    : { with: '', column: 'null::json', join: '' }
  const { rows } = await db.query<Row>(
    `with doors as materialized (
       select ${door} as channel_id, ${kind} as channel_kind, f.measure, f.seconds, sum(f.${count}) as n
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
     ${buckets.with}
     select total, channel_id as "channelId", channel_kind as "channelKind", m.measure,
            round(lo::float8 + (hi - lo)::float8 * (pos - floor(pos))::float8)::int as median,
            round(sum / count)::int as average, ${buckets.column} as buckets
       from (select r.total, r.channel_id, r.channel_kind, r.measure, r.count, r.sum, r.pos,
                    min(r.seconds) filter (where r.upto > floor(r.pos)) as lo,
                    min(r.seconds) filter (where r.upto > ceil(r.pos)) as hi
               from r group by 1, 2, 3, 4, 5, 6, 7) m
       ${buckets.join}`,
    filtered.values,
  )
  /** The times of a door (by its id, and its kind for a conversation), or of all doors. */
  const times =
    (door?: { channelId: string | null; channelKind?: string }) =>
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
  /** All doors' counts per bucket of a measure (numbered as width_bucket does), where bounds were given. */
  const bucketsOf = (measure: string): Bucket[] =>
    rows.find((r) => r.total && r.measure === measure)?.buckets ?? []
  return Object.assign(times, { buckets: bucketsOf })
}
