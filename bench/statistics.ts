// `npm run bench:statistics`: a year of a busy line's anonymous facts (a million closed
// conversations, 200,000 calls, 20,000 cases) in the machine's PostgreSQL (BENCH_YEARS=2 adds the
// year before it as full, which the charts compare with: a line that has kept two years), and the
// time each statistics screen's queries take over them: the statistics of a month and of
// the year, and cross-tables with and without filters (each with the days before it). Beside each,
// the baseline of this run: a plain count(*) over the same table, which no screen can beat.
import { performance } from 'node:perf_hooks'
import { createHelpline, crossTabulate, describeCharts, describeStatistics } from '@ascolto/core'
import { createPool, migrate } from '@ascolto/db'
import type { CrossTableQuery } from '@ascolto/protocol'
import { database, percentile, report, round } from './lib.ts'

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000)
/** The year measured (2025), and before it as many more years as the line has kept. */
const YEARS = Number(process.env.BENCH_YEARS ?? 1)
const RUNS = 3

const db = await database('server')
const pool = createPool(db.url, { max: 2 })
try {
  await migrate(pool)
  const helpline = await createHelpline(pool, { slug: 'bench-statistics', name: 'Bench' })
  const helplineId = helpline.id
  const started = performance.now()
  for (let year = 2026 - YEARS; year <= 2025; year++) {
    const firstDay = `${year}-01-01`
    // the facts as the line's year left them: five doors, three languages, a few categories and
    // answers, every hour of the day, one conversation in four a repeat, every one taken from the
    // queue but those who left before an answer
    await pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_kind, opened_on, closed_on, inbound_count,
                                      outbound_count, first_response_seconds, duration_seconds, categories, outcome,
                                      triage_level, abandoned, language, flags, opened_hour, due_kept, repeat_contact, caller,
                                      queue_seconds)
       select gen_random_uuid(), $1,
              (array['webchat','whatsapp','telegram','email','phone'])[1 + i % 5],
              $3::date + (i % 365), $3::date + (i % 365), 4, 4,
              30 + (i::bigint * 7919) % 900, 300 + (i::bigint * 104729) % 3600,
              case i % 4 when 0 then array['loneliness'] when 1 then array['bullying'] when 2 then array['violence', 'loneliness'] else '{}' end,
              jsonb_build_object('outcome', (array['listened','referred','other'])[1 + i % 3]),
              (array['none','medium','high','imminent'])[1 + (i / 7) % 4], i % 17 = 0,
              (array['it','en','uk'])[1 + (i / 3) % 3],
              case when i % 97 = 0 then array['minor_at_risk'] else '{}' end,
              (i * 31) % 24, i % 9 <> 0, i % 4 = 0,
              (array['person','relative','service','citizen'])[1 + i % 4],
              case when i % 17 <> 0 then (i::bigint * 6151) % 1800 end
         from generate_series(1, $2::int) i`,
      [helplineId, CONVERSATIONS, firstDay],
    )
    await pool.query(
      `insert into call_fact (call_id, helpline_id, day, hour, outcome, ring_seconds, talk_seconds)
       select gen_random_uuid(), $1, $3::date + (i % 365), (i * 13) % 24,
              (array['answered','answered','unanswered','voicemail','abandoned'])[1 + i % 5], 5 + i % 40, 60 + i % 900
         from generate_series(1, $2::int) i`,
      [helplineId, CONVERSATIONS / 5, firstDay],
    )
    await pool.query(
      `insert into case_fact (case_id, helpline_id, kind, opened_on, closed_on, outcome, duration_seconds, contacts, conversations)
       select gen_random_uuid(), $1, (array['standard','emergency'])[1 + i % 2], $3::date + (i % 300),
              $3::date + (i % 300) + 30, 'goal-reached', 2592000, 1 + i % 3, 1 + i % 5
         from generate_series(1, $2::int) i`,
      [helplineId, CONVERSATIONS / 50, firstDay],
    )
  }
  // the facts, and the daily rollups their triggers kept (0050, 0055, 0058), analysed as autovacuum would
  await pool.query(
    'analyze conversation_fact; analyze call_fact; analyze case_fact; analyze conversation_fact_day; analyze conversation_seconds_day; analyze call_fact_day; analyze call_seconds_day; analyze conversation_hour_day; analyze conversation_wait_day',
  )
  const loadSeconds = round((performance.now() - started) / 1000)

  const services = { clock: () => new Date('2026-01-01T12:00:00Z') }
  const actor = {
    userId: '00000000-0000-4000-8000-000000000000',
    displayName: 'Bench',
    isAdmin: false,
    roles: new Map([[helplineId, 'coordinator' as const]]),
  }
  const context = { tx: pool, services }
  const cross = (query: Omit<CrossTableQuery, 'from' | 'to'>, from: string, to: string) => () =>
    crossTabulate(context, actor, helplineId, { ...query, from, to })
  const screens: [string, () => Promise<unknown>][] = [
    ['baseline: count(*) of conversation_fact', () => pool.query('select count(*) from conversation_fact')],
    [
      'statistics, a month',
      () => describeStatistics(context, actor, helplineId, { from: '2025-06-01', to: '2025-06-30' }),
    ],
    [
      'statistics, the year',
      () => describeStatistics(context, actor, helplineId, { from: '2025-01-01', to: '2025-12-31' }),
    ],
    // the charts: every series of the period and of as many days before it
    [
      'charts, a month',
      () => describeCharts(context, actor, helplineId, { from: '2025-06-01', to: '2025-06-30' }),
    ],
    [
      'charts, the year',
      () => describeCharts(context, actor, helplineId, { from: '2025-01-01', to: '2025-12-31' }),
    ],
    [
      'charts, the year, one language',
      () =>
        describeCharts(context, actor, helplineId, { from: '2025-01-01', to: '2025-12-31', language: 'uk' }),
    ],
    [
      'charts, the year, one category',
      () =>
        describeCharts(context, actor, helplineId, {
          from: '2025-01-01',
          to: '2025-12-31',
          category: 'bullying',
        }),
    ],
    [
      'charts, the year, one flag',
      () =>
        describeCharts(context, actor, helplineId, {
          from: '2025-01-01',
          to: '2025-12-31',
          flag: 'minor_at_risk',
        }),
    ],
    [
      'cross door × category, the year (+ the year before)',
      cross({ rows: 'door', columns: 'category' }, '2025-01-01', '2025-12-31'),
    ],
    [
      'cross language × outcome, a quarter',
      cross({ rows: 'language', columns: 'answer:outcome' }, '2025-04-01', '2025-06-30'),
    ],
    [
      'cross caller × risk, the year, one flag',
      cross({ rows: 'caller', columns: 'risk', flag: 'minor_at_risk' }, '2025-01-01', '2025-12-31'),
    ],
    [
      'cross door × risk, the year, one language',
      cross({ rows: 'door', columns: 'risk', language: 'uk' }, '2025-01-01', '2025-12-31'),
    ],
  ]
  const rows = []
  for (const [screen, run] of screens) {
    await run() // warm the cache, as a screen opened twice does
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now()
      await run()
      times.push(performance.now() - t)
    }
    rows.push({ screen, 'median ms': round(percentile(times, 50)), 'worst ms': round(Math.max(...times)) })
  }
  await report(
    'statistics',
    `Statistics over a year of facts (${CONVERSATIONS.toLocaleString('en')} conversations a year, ${YEARS} years kept, loaded in ${loadSeconds} s), ${db.kind}; goal: every screen under 1,000 ms`,
    { conversations: CONVERSATIONS, years: YEARS, loadSeconds },
    rows,
  )
} finally {
  await pool.end()
  await db.close()
}
