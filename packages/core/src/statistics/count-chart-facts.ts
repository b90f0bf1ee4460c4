// The counts behind the statistics screen's charts, each a plain group-by over one facts table
// (conversation_fact by the day it closed, case_fact, referral_fact) or, where it gives the same
// numbers, over its daily rollups (0050: conversation_fact_day; 0055: conversation_hour_day; 0058:
// conversation_wait_day), which a year at a million contacts reads as far fewer rows. Nothing is returned one conversation at a time: every row is a group and its count.
import type { ChartsQuery } from '@ascolto/protocol'
import { WAIT_BOUNDS } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { type Filtered, timesOfHistogram } from './times-of-histogram.ts'

type Db = Pick<Tx, 'query'>
export type Keyed = { key: string; count: number }
export type ChartPeriod = { helplineId: string; from: string; to: string }

/**
 * What every conversation chart groups by, as SQL over `f` (a rollup's row) and `cat` (one of its
 * categories); null where a row has no such figure (a conversation without a due time).
 */
export const CONVERSATION_KEYS = {
  hour: `f.weekday || ':' || f.opened_hour`,
  week: `date_trunc('week', f.closed_on)::date::text`,
  month: `date_trunc('month', f.closed_on)::date::text`,
  door: 'coalesce(f.channel_id::text, f.channel_kind)',
  language: `coalesce(f.language, 'none')`,
  category: `coalesce(cat.id, 'none')`,
  outcome: `o.key || ':' || o.value`,
  due: `case when f.due_kept then 'kept' when not f.due_kept then 'missed' end`,
} as const
export type ConversationKey = keyof typeof CONVERSATION_KEYS

type Filters = Omit<ChartsQuery, 'from' | 'to'>

/** The closed conversations of the periods that pass the filters, as SQL conditions and their values. */
function filtered(periods: ChartPeriod[], filters: Filters): Filtered & { within: string[] } {
  const values: unknown[] = [periods[0]?.helplineId]
  const param = (value: unknown) => `$${values.push(value)}`
  const within = periods.map((p) => `f.closed_on between ${param(p.from)}::date and ${param(p.to)}::date`)
  const where = ['f.helpline_id = $1', `(${within.join(' or ')})`]
  if (filters.door) where.push(`f.channel_id = ${param(filters.door)}::uuid`)
  if (filters.language) where.push(`f.language = ${param(filters.language)}`)
  if (filters.category) where.push(`${param(filters.category)} = any(f.categories)`)
  if (filters.flag) where.push(`${param(filters.flag)} = any(f.flags)`)
  return { values, where, within }
}

/**
 * Categories and answers are unnested from their column: each is read on its own, its rows first
 * folded by the column's value (a year's rows share a few dozen sets of answers), then unnested.
 */
const UNNESTED: Partial<Record<ConversationKey, { of: string; join: string }>> = {
  category: { of: 'f.categories', join: 'left join lateral unnest(g.of) as cat(id) on true' },
  outcome: { of: 'f.outcome', join: 'cross join lateral jsonb_each_text(g.of) o' },
}

/**
 * Which rollup counts a key, as `f`. Each has the door, language, categories and flags every filter
 * needs; the hour has its own (the weekday and hour it opened).
 */
const TABLE: Partial<Record<ConversationKey, string>> = { hour: 'conversation_hour_day' }

/** Per key, its counts in each period asked for, in the order asked. */
export type CountsByKey = Partial<Record<ConversationKey, Keyed[][]>>

/**
 * Closed conversations that pass the filters, counted per key in each period (the period, and the
 * one before it that the charts compare with). The keys of one rollup without a join are counted in
 * one read of it (a grouping set each), both periods at once: a year's charts read its rows three
 * times, not a dozen.
 */
export async function countConversationsBy(
  db: Db,
  keys: ConversationKey[],
  periods: ChartPeriod[],
  filters: Filters,
): Promise<CountsByKey> {
  const reads = new Map<string, ConversationKey[]>()
  for (const key of keys) {
    const read = UNNESTED[key] ? key : (TABLE[key] ?? 'conversation_fact_day')
    reads.set(read, [...(reads.get(read) ?? []), key])
  }
  const counted: CountsByKey = {}
  await Promise.all(
    [...reads.values()].map(async (together) => {
      const first = together[0] as ConversationKey
      const { values, where, within } = filtered(periods, filters)
      const period = `case ${within.map((w, i) => `when ${w} then ${i}`).join(' ')} end`
      const unnested = UNNESTED[first]
      const { rows } = await db.query<Keyed & { period: number; which: number }>(
        unnested
          ? `select g.period, 0 as which, ${CONVERSATION_KEYS[first]} as key, sum(g.n)::int as count
               from (select ${period} as period, ${unnested.of} as of, sum(f.conversations) as n
                       from conversation_fact_day f where ${where.join(' and ')} group by 1, 2) g
               ${unnested.join}
              group by 1, 3`
          : `select s.period, grouping(${together.map((_, i) => `s.k${i}`).join(', ')}) as which,
                    coalesce(${together.map((_, i) => `s.k${i}`).join(', ')}) as key, sum(s.n)::int as count
               from (select ${period} as period, f.conversations as n,
                            ${together.map((key, i) => `${CONVERSATION_KEYS[key]} as k${i}`).join(', ')}
                       from ${TABLE[first] ?? 'conversation_fact_day'} f
                      where ${where.join(' and ')}) s
              group by grouping sets (${together.map((_, i) => `(s.period, s.k${i})`).join(', ')})`,
        values,
      )
      together.forEach((key, i) => {
        // the set that counts this key: its bit clear, every other key's set (the last is bit 0)
        const which = (1 << together.length) - 1 - (1 << (together.length - 1 - i))
        counted[key] = periods.map((_, p) =>
          rows
            .filter((row) => row.period === p && row.which === which && row.key !== null)
            .map(({ key, count }) => ({ key, count })),
        )
      })
    }),
  )
  return counted
}

/**
 * The waits of the period's conversations that pass the filters, from one read of their histograms
 * (0058, by every filter; its first replies leave the abandoned out, as the chart): how many in each
 * bucket of seconds (key: the bucket's number) and the medians of the first reply and time in queue.
 */
export async function countWaits(db: Db, period: ChartPeriod, filters: Filters) {
  const times = await timesOfHistogram(db, 'wait', period, filtered([period], filters), WAIT_BOUNDS)
  return {
    firstReply: times.buckets('first_reply'),
    leftWaiting: times.buckets('left_waiting'),
    queue: times.buckets('queue'),
    medians: { firstReply: times()('first_reply').median, queue: times()('queue').median },
  }
}

/** Cases opened and closed per week (key 'opened:<monday>' or 'closed:<monday>'). */
export async function countCasesByWeek(db: Db, { helplineId, from, to }: ChartPeriod): Promise<Keyed[]> {
  const { rows } = await db.query<Keyed>(
    `select 'opened:' || date_trunc('week', opened_on)::date as key, count(*)::int as count
       from case_fact where helpline_id = $1 and opened_on between $2::date and $3::date group by 1
     union all
     select 'closed:' || date_trunc('week', closed_on)::date, count(*)::int
       from case_fact where helpline_id = $1 and closed_on between $2::date and $3::date group by 1`,
    [helplineId, from, to],
  )
  return rows
}

/** Referrals received and sent per week (key 'in:<monday>' or 'out:<monday>'). */
export async function countReferralsByWeek(db: Db, { helplineId, from, to }: ChartPeriod): Promise<Keyed[]> {
  const { rows } = await db.query<Keyed>(
    `select direction || ':' || date_trunc('week', sent_on)::date as key, count(*)::int as count
       from referral_fact where helpline_id = $1 and sent_on between $2::date and $3::date
      group by 1`,
    [helplineId, from, to],
  )
  return rows
}

/**
 * The filters' choices: the languages and kinds of flag the helpline's facts have at all, from the
 * rollup of the closed ones and the facts of those that never closed (0055 indexes them). The
 * rollup's distinct languages and sets of flags are found by stepping through its indexes (0058),
 * one lookup per value, rather than reading every day of every year the helpline has.
 */
export async function factChoices(db: Db, helplineId: string) {
  const { rows } = await db.query<{ languages: string[]; flags: string[] }>(
    `with recursive languages(language) as (
       (select language from conversation_fact_day where helpline_id = $1 and language is not null
         order by language limit 1)
       union all
       select (select d.language from conversation_fact_day d
                where d.helpline_id = $1 and d.language > l.language order by d.language limit 1)
         from languages l where l.language is not null),
     flag_sets(flags) as (
       (select flags from conversation_fact_day where helpline_id = $1 order by flags limit 1)
       union all
       select (select d.flags from conversation_fact_day d
                where d.helpline_id = $1 and d.flags > s.flags order by d.flags limit 1)
         from flag_sets s where s.flags is not null),
     unclosed as (select language, flags from conversation_fact where helpline_id = $1 and closed_on is null)
     select array(select language from languages where language is not null
                  union select language from unclosed where language is not null order by 1) as languages,
            array(select unnest(flags) from flag_sets union select unnest(flags) from unclosed order by 1) as flags`,
    [helplineId],
  )
  return rows[0] ?? { languages: [], flags: [] }
}
