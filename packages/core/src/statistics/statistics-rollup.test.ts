// The daily rollups (migrations 0050, 0055 and 0058) against the raw facts they are kept from: after facts are
// written, changed (a late survey answer, a call-back, a door deleted) and deleted, every group of
// the rollup has the count the facts give, and the medians and averages found in the histograms are
// those percentile_cont and avg give over the facts.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { createChannel, createHelpline } from '../helplines/create-helpline.ts'
import { type ConversationKey, countConversationsBy } from './count-chart-facts.ts'
import { timesOfHistogram } from './times-of-histogram.ts'

const DIMENSIONS = `helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level, with_mediator,
  categories, outcome, flags, survey_answers, abandoned, due_kept`

/** Rows in one query's answer and not the other's, either way (none when they agree). */
async function differences(db: TestDatabase, facts: string, rollup: string) {
  const { rows } = await db.pool.query(
    `(${facts} except all ${rollup}) union all (${rollup} except all ${facts})`,
  )
  return rows
}

describe('the statistics rollups', () => {
  let db: TestDatabase
  let helplineId: string
  let doors: string[]
  before(async () => {
    db = await createTestDatabase()
    ;({ id: helplineId } = await createHelpline(db.pool, {
      slug: `r-${randomBytes(4).toString('hex')}`,
      name: 'R',
    }))
    doors = [
      (await createChannel(db.pool, { helplineId, kind: 'webchat', name: 'Chat' })).id,
      (await createChannel(db.pool, { helplineId, kind: 'whatsapp', name: 'WhatsApp' })).id,
    ]
    // 600 conversations over 20 days: few values per dimension, so that groups gather many facts;
    // some without a first reply, a category twice, some abandoned, some with survey answers
    await db.pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                      inbound_count, outbound_count, first_response_seconds, duration_seconds,
                                      categories, outcome, triage_level, abandoned, language, flags, due_kept, caller,
                                      survey_answers, with_mediator, opened_hour, queue_seconds)
       select gen_random_uuid(), $1, ($2::uuid[])[1 + i % 2], (array['webchat','whatsapp'])[1 + i % 2],
              date '2026-03-01' + (i % 20) - (i % 3 = 0)::int, date '2026-03-01' + (i % 20), 3, 3,
              case when i % 11 = 0 then null else 20 + (i * 37) % 300 end, 60 + (i * 53) % 1800,
              case i % 4 when 0 then array['a','b'] when 1 then array['a','a'] when 2 then array['c'] else '{}' end,
              case when i % 5 = 0 then '{}' else jsonb_build_object('outcome', (array['x','y'])[1 + i % 2]) end,
              (array['none','high', null])[1 + i % 3], i % 13 = 0, (array['it','en'])[1 + i % 2],
              case when i % 17 = 0 then array['minor_at_risk'] else '{}' end,
              case when i % 7 = 0 then null else i % 3 = 0 end, (array['person', null])[1 + i % 2],
              case when i % 9 = 0 then jsonb_build_object('q1', 1 + i % 5) end, i % 19 = 0,
              case when i % 23 <> 0 then (i * 5) % 24 end,
              case when i % 6 <> 0 then (i * 29) % 700 end
         from generate_series(1, 600) i`,
      [helplineId, doors],
    )
    await db.pool.query(
      `insert into call_fact (call_id, helpline_id, channel_id, day, hour, outcome, ring_seconds, talk_seconds)
       select gen_random_uuid(), $1, ($2::uuid[])[1 + i % 2], date '2026-03-01' + (i % 20), i % 24,
              (array['answered','unanswered','voicemail'])[1 + i % 3], 3 + i % 30,
              case when i % 3 = 0 then 30 + (i * 7) % 400 end
         from generate_series(1, 300) i`,
      [helplineId, doors],
    )
    // later changes: survey answers arrive, call-backs are tried, a door is deleted (its facts keep
    // no door), and some facts go (a helpline's test data removed by hand)
    await db.pool.query(
      `update conversation_fact set survey_answers = '{"q1": 5}' where helpline_id = $1 and inbound_count = 3
          and first_response_seconds between 20 and 60`,
      [helplineId],
    )
    await db.pool.query(
      `update call_fact set callback_seconds = ring_seconds * 10 where helpline_id = $1 and outcome = 'unanswered'`,
      [helplineId],
    )
    await db.pool.query('update conversation_fact set channel_id = null where channel_id = $1', [doors[1]])
    // a rewrite that moves some conversations to another hour, or gives one the hour it had not
    await db.pool.query(
      `update conversation_fact set opened_hour = coalesce((opened_hour + 1) % 24, 3)
        where helpline_id = $1 and duration_seconds > 1500`,
      [helplineId],
    )
    await db.pool.query('update call_fact set channel_id = null where channel_id = $1', [doors[1]])
    await db.pool.query(
      `delete from conversation_fact where helpline_id = $1 and duration_seconds between 60 and 400`,
      [helplineId],
    )
    await db.pool.query(`delete from call_fact where helpline_id = $1 and ring_seconds < 6`, [helplineId])
  })
  after(() => db.drop())

  it('counts every group of conversations as the facts do, after inserts, updates and deletes', async () => {
    const facts = `select ${DIMENSIONS}, count(*)::int from conversation_fact where closed_on is not null group by ${DIMENSIONS}`
    const rollup = `select ${DIMENSIONS}, conversations from conversation_fact_day`
    assert.deepEqual(await differences(db, facts, rollup), [])
    const { rows } = await db.pool.query<{ n: number }>(
      'select sum(conversations)::int as n from conversation_fact_day where helpline_id = $1',
      [helplineId],
    )
    assert.ok((rows[0]?.n ?? 0) > 300, 'the facts left after the deletes are counted')
  })

  it('counts the conversations by the weekday and hour they opened, and their waits, as the facts do', async () => {
    const hours = `helpline_id, closed_on, channel_id, language, categories, flags,
      extract(isodow from opened_on)::int - 1, opened_hour`
    const facts = `select ${hours}, count(*)::int from conversation_fact
      where closed_on is not null and opened_hour is not null group by ${hours}`
    const rollup = `select ${hours.replace('extract(isodow from opened_on)::int - 1', 'weekday')}, conversations
      from conversation_hour_day`
    assert.deepEqual(await differences(db, facts, rollup), [])
    const { rows } = await db.pool.query<{ weekdays: number }>(
      'select count(distinct weekday)::int as weekdays from conversation_hour_day where helpline_id = $1',
      [helplineId],
    )
    assert.equal(rows[0]?.weekdays, 7, 'every weekday of the 20 days has its conversations')
    const waits = `select f.helpline_id, f.closed_on, f.channel_id, f.language, f.categories, f.flags, m.measure,
         m.seconds, count(*)::int
       from conversation_fact f cross join lateral (values
         ('first_reply', case when not f.abandoned then f.first_response_seconds end),
         ('left_waiting', case when f.abandoned then f.duration_seconds end), ('queue', f.queue_seconds)) m(measure, seconds)
      where f.closed_on is not null and m.seconds is not null group by 1, 2, 3, 4, 5, 6, 7, 8`
    assert.deepEqual(await differences(db, waits, 'select * from conversation_wait_day'), [])
  })

  it('keeps the histograms of seconds and the calls as the facts have them', async () => {
    const seconds = `select f.helpline_id, f.closed_on, f.channel_id, f.channel_kind, m.measure, m.seconds, count(*)::int
       from conversation_fact f cross join lateral (values ('first_response', f.first_response_seconds),
         ('duration', f.duration_seconds), ('abandoned_wait', case when f.abandoned then f.duration_seconds end),
         ('queue', f.queue_seconds)) m(measure, seconds)
      where m.seconds is not null group by 1, 2, 3, 4, 5, 6`
    assert.deepEqual(await differences(db, seconds, 'select * from conversation_seconds_day'), [])
    const calls =
      'select helpline_id, day, channel_id, outcome, count(*)::int from call_fact group by 1, 2, 3, 4'
    assert.deepEqual(await differences(db, calls, 'select * from call_fact_day'), [])
    const callSeconds = `select f.helpline_id, f.day, f.channel_id, m.measure, m.seconds, count(*)::int
       from call_fact f cross join lateral (values ('ring', f.ring_seconds), ('talk', f.talk_seconds),
         ('callback', f.callback_seconds)) m(measure, seconds)
      where m.seconds is not null group by 1, 2, 3, 4, 5`
    assert.deepEqual(await differences(db, callSeconds, 'select * from call_seconds_day'), [])
  })

  it('finds the medians and averages percentile_cont and avg give over the facts', async () => {
    // periods of odd and even counts, so both the middle value and the mean of two are found
    for (const [from, to] of [
      ['2026-03-01', '2026-03-20'],
      ['2026-03-02', '2026-03-02'],
      ['2026-03-03', '2026-03-11'],
    ] as const) {
      const times = await timesOfHistogram(db.pool, 'conversation', { helplineId, from, to })
      const { rows } = await db.pool.query<{ channelId: string | null; channelKind: string; times: object }>(
        `select channel_id as "channelId", channel_kind as "channelKind", jsonb_build_object(
           'first_response', jsonb_build_object('median', round(percentile_cont(0.5) within group (order by first_response_seconds))::int,
                                                'average', round(avg(first_response_seconds))::int),
           'duration', jsonb_build_object('median', round(percentile_cont(0.5) within group (order by duration_seconds))::int,
                                          'average', round(avg(duration_seconds))::int),
           'abandoned_wait', jsonb_build_object(
             'median', round(percentile_cont(0.5) within group (order by duration_seconds) filter (where abandoned))::int,
             'average', round(avg(duration_seconds) filter (where abandoned))::int),
           'queue', jsonb_build_object('median', round(percentile_cont(0.5) within group (order by queue_seconds))::int,
                                       'average', round(avg(queue_seconds))::int)) as times
           from conversation_fact where helpline_id = $1 and closed_on between $2 and $3
          group by grouping sets ((channel_id, channel_kind), ())`,
        [helplineId, from, to],
      )
      assert.ok(rows.length >= 2, 'a door and all of them')
      for (const row of rows) {
        const door = row.channelKind ? { channelId: row.channelId, channelKind: row.channelKind } : undefined
        const found = Object.fromEntries(
          ['first_response', 'duration', 'abandoned_wait', 'queue'].map((m) => [m, times(door)(m)]),
        )
        assert.deepEqual(found, row.times, `${from}…${to}, ${row.channelKind ?? 'all doors'}`)
      }
      // the charts' waits, filtered by a language and a category: the first reply of the conversations
      // not abandoned only, and the time in queue
      const values = [helplineId, from, to, 'en', 'a']
      const where = [
        'f.helpline_id = $1',
        'f.closed_on between $2 and $3',
        'f.language = $4',
        '$5 = any(f.categories)',
      ]
      const waits = (await timesOfHistogram(db.pool, 'wait', { helplineId, from, to }, { values, where }))()
      const facts = await db.pool.query<{ firstReply: number; queue: number }>(
        `select round(percentile_cont(0.5) within group (order by first_response_seconds) filter (where not abandoned))::int
                  as "firstReply",
                round(percentile_cont(0.5) within group (order by queue_seconds))::int as queue
           from conversation_fact f where ${where.join(' and ')}`,
        values,
      )
      assert.deepEqual(
        { firstReply: waits('first_reply').median, queue: waits('queue').median },
        facts.rows[0],
        `${from}…${to}, the charts' waits`,
      )
    }
  })
  it("counts the charts' keys, several in one read of the rollup, as each counted alone over the facts", async () => {
    // each key as the facts give it, one conversation at a time (a category or an answer per row)
    const REFERENCE: Record<string, { key: string; join?: string; only?: string }> = {
      week: { key: `date_trunc('week', f.closed_on)::date::text` },
      month: { key: `date_trunc('month', f.closed_on)::date::text` },
      door: { key: 'coalesce(f.channel_id::text, f.channel_kind)' },
      language: { key: `coalesce(f.language, 'none')` },
      due: { key: `case when f.due_kept then 'kept' else 'missed' end`, only: 'f.due_kept is not null' },
      category: {
        key: `coalesce(c.id, 'none')`,
        join: 'left join lateral unnest(f.categories) as c(id) on true',
      },
      outcome: { key: `o.key || ':' || o.value`, join: 'cross join lateral jsonb_each_text(f.outcome) o' },
    }
    const periods = [
      { helplineId, from: '2026-03-11', to: '2026-03-20' },
      { helplineId, from: '2026-03-01', to: '2026-03-10' },
    ]
    const keys = Object.keys(REFERENCE) as (keyof typeof REFERENCE)[]
    for (const filters of [{}, { language: 'en', category: 'a' }, { flag: 'minor_at_risk' }]) {
      const counted = await countConversationsBy(db.pool, keys as ConversationKey[], periods, filters)
      for (const key of keys) {
        const {
          key: expression,
          join,
          only,
        } = REFERENCE[key] as { key: string; join?: string; only?: string }
        for (const [i, { from, to }] of periods.entries()) {
          const { values, where } = factFilter(helplineId, from, to, filters)
          const facts = await db.pool.query<{ key: string; count: number }>(
            `select ${expression} as key, count(*)::int as count from conversation_fact f ${join ?? ''}
              where ${[...where, ...(only ? [only] : [])].join(' and ')} group by 1 order by 1`,
            values,
          )
          const found = [...(counted[key as ConversationKey]?.[i] ?? [])].sort((a, b) =>
            a.key.localeCompare(b.key),
          )
          assert.ok(facts.rows.length > 0, `${key}, ${from}: the facts have some`)
          assert.deepEqual(
            found,
            facts.rows.sort((a, b) => a.key.localeCompare(b.key)),
            `${key}, ${from}…${to}, ${JSON.stringify(filters)}`,
          )
        }
      }
    }
  })
})

/** The facts closed in the period that pass the charts' filters, as SQL over `f`. */
function factFilter(
  helplineId: string,
  from: string,
  to: string,
  filters: { language?: string; category?: string; flag?: string },
) {
  const values: unknown[] = [helplineId, from, to]
  const where = ['f.helpline_id = $1', 'f.closed_on between $2::date and $3::date']
  if (filters.language) where.push(`f.language = $${values.push(filters.language)}`)
  if (filters.category) where.push(`$${values.push(filters.category)} = any(f.categories)`)
  if (filters.flag) where.push(`$${values.push(filters.flag)} = any(f.flags)`)
  return { values, where }
}
