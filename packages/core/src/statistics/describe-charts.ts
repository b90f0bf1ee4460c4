// The statistics screen's charts for a supervisor: over a period and the as many days before it,
// the closed conversations that pass the filters by weekday and hour (with the opening hours to lay
// them over), by week and month, door, language, category, closing-form answer, waits (the first
// reply, the wait of those who left, the time in queue) and due time kept; cases and referrals by
// week. Every series is a table through the small-cell rule with the
// total the screen shows as its margin, so no chart or export can give a small count back.
import {
  type Cell,
  type ChartBar,
  type Charts,
  type ChartsQuery,
  type HelplineSettings,
  type LocalizedText,
  MINIMUM_CELL,
  WAIT_BUCKETS,
} from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import {
  type ChartPeriod,
  countCasesByWeek,
  countConversationsBy,
  countReferralsByWeek,
  countWaits,
  factChoices,
  type Keyed,
} from './count-chart-facts.ts'
import { previousPeriod, resolvePeriod } from './resolve-period.ts'
import { suppressSmallCells } from './suppress-small-cells.ts'

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const DAY_MS = 86_400_000
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** The Mondays of the weeks a period touches. */
export function weeksOf({ from, to }: { from: string; to: string }) {
  const first = msOf(from) - ((new Date(msOf(from)).getUTCDay() + 6) % 7) * DAY_MS
  const weeks: string[] = []
  for (let ms = first; ms <= msOf(to); ms += 7 * DAY_MS) weeks.push(dayOf(ms))
  return weeks
}

/** The first days of the months a period touches. */
export function monthsOf({ from, to }: { from: string; to: string }) {
  const months: string[] = []
  for (let month = `${from.slice(0, 7)}-01`; month <= to; ) {
    months.push(month)
    const next = new Date(msOf(month))
    next.setUTCMonth(next.getUTCMonth() + 1)
    month = dayOf(next.getTime())
  }
  return months
}

/** Counts of the keys asked for, in their order (0 where none), as one table's rows, suppressed with each row's total. */
function suppressRows(rows: Keyed[][], keys: readonly string[], floor: number) {
  const counts = rows.map((row) => {
    const byKey = new Map(row.map((k) => [k.key, k.count]))
    return keys.map((key) => byKey.get(key) ?? 0)
  })
  return suppressSmallCells(
    { cells: counts, rowTotals: counts.map((row) => row.reduce((sum, count) => sum + count, 0)) },
    floor,
  ).cells
}

/** Whether the line is open at some point of each hour of each weekday, by its weekly hours. */
function openHours(settings: HelplineSettings) {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
  return WEEKDAYS.map((day) =>
    Array.from({ length: 24 }, (_, hour) =>
      settings.opening.alwaysOpen
        ? true
        : (settings.opening.weekly[day] ?? []).some(
            (range) => minutes(range.start) < (hour + 1) * 60 && minutes(range.end) > hour * 60,
          ),
    ),
  )
}

export async function describeCharts(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: ChartsQuery,
): Promise<Charts> {
  requireRole(actor, helplineId, 'supervisor')
  const settings = await loadHelplineSettings(tx, helplineId)
  const { from, to } = resolvePeriod(services, settings, query)
  const now: ChartPeriod = { helplineId, from, to }
  const before: ChartPeriod = { helplineId, ...previousPeriod({ from, to }) }
  const floor = settings.statistics?.minimumCell ?? MINIMUM_CELL
  const { from: _f, to: _t, ...filters } = query
  const weeks = weeksOf(now)
  // the reads are independent: sent together, each on its own connection of the route's pool
  const [
    doors,
    choices,
    { hour: [hourCounts = []] = [] },
    {
      week: weekCounts = [],
      month: monthCounts = [],
      door: doorCounts = [],
      language: languageCounts = [],
      due: dueCounts = [],
      category: categoryCounts = [],
      outcome: outcomeCounts = [],
    },
    waits,
    caseCounts,
    referralCounts,
  ] = await Promise.all([
    tx.query<{ id: string; kind: string; name: string }>(
      'select id, kind, name from channel where helpline_id = $1 order by kind, name',
      [helplineId],
    ),
    factChoices(tx, helplineId),
    countConversationsBy(tx, ['hour'], [now], filters),
    countConversationsBy(
      tx,
      ['week', 'month', 'door', 'language', 'due', 'category', 'outcome'],
      [now, before],
      filters,
    ),
    Promise.all([countWaits(tx, now, filters), countWaits(tx, before, filters)]),
    countCasesByWeek(tx, now),
    countReferralsByWeek(tx, now),
  ])

  /** Bars of the keys given (then any other counted), now and before, each period's total as its margin. */
  type Known = { key: string; label?: LocalizedText | null; name?: string | null }
  const bars = (counted: Keyed[][], known: Known[]): ChartBar[] => {
    const extra = [...new Set(counted.flat().map((k) => k.key))].filter(
      (k) => !known.some((b) => b.key === k),
    )
    const all: Known[] = [...known, ...extra.sort().map((k) => ({ key: k }))]
    const [nowCells, beforeCells] = suppressRows(
      counted,
      all.map((b) => b.key),
      floor,
    ) as Cell[][]
    return all.map((bar, i) => ({
      key: bar.key,
      label: bar.label ?? null,
      name: bar.name ?? null,
      now: nowCells?.[i] ?? 0,
      before: beforeCells?.[i] ?? 0,
    }))
  }

  const categories = settings.desk?.categories ?? []

  const hourGrid = WEEKDAYS.map((_, day) =>
    Array.from({ length: 24 }, (_, hour) => hourCounts.find((k) => k.key === `${day}:${hour}`)?.count ?? 0),
  )
  const weekdayTotals = hourGrid.map((row) => row.reduce((sum, count) => sum + count, 0))
  const hours = suppressSmallCells(
    { cells: hourGrid, rowTotals: weekdayTotals, total: weekdayTotals.reduce((a, b) => a + b, 0) },
    floor,
  )

  /** A trend: the points of the period, and the period before on as many points. */
  const trend = (
    [nowCounts, beforeCounts]: Keyed[][],
    points: (p: { from: string; to: string }) => string[],
  ) => {
    const [nowCells, beforeCells] = [
      suppressRows([nowCounts ?? []], points(now), floor)[0] ?? [],
      suppressRows([beforeCounts ?? []], points(before), floor)[0] ?? [],
    ]
    return {
      now: points(now).map((start, i) => ({ start, count: nowCells[i] ?? 0 })),
      before: points(before).map((start, i) => ({ start, count: beforeCells[i] ?? 0 })),
    }
  }

  const outcomeKeys = outcomeCounts.flat().map((k) => k.key)
  const questions = [
    ...(settings.desk?.closingForm ?? []),
    ...[...new Set(outcomeKeys.map((k) => k.split(':')[0] as string))]
      .filter((id) => !settings.desk?.closingForm?.some((q) => q.id === id))
      .sort()
      .map((id) => ({ id, label: null, options: [] })),
  ]
  const outcomeBars = bars(
    outcomeCounts,
    questions.flatMap((q) => q.options.map((o) => ({ key: `${q.id}:${o.id}`, label: o.label }))),
  )

  const caseCells = suppressRows(
    [caseCounts],
    [...weeks.map((w) => `opened:${w}`), ...weeks.map((w) => `closed:${w}`)],
    floor,
  )[0] as Cell[]
  const referralCells = suppressRows(
    [referralCounts],
    [...weeks.map((w) => `in:${w}`), ...weeks.map((w) => `out:${w}`)],
    floor,
  )[0] as Cell[]
  const waitBuckets = WAIT_BUCKETS.map((bucket, i) => ({ key: String(i), name: bucket }))
  const [waitsNow, waitsBefore] = waits
  const waitBars = (wait: 'firstReply' | 'leftWaiting' | 'queue') =>
    bars([waitsNow[wait], waitsBefore[wait]], waitBuckets)

  return {
    helplineId,
    from,
    to,
    previous: { from: before.from, to: before.to },
    minimumCell: floor,
    language: settings.languages[0] ?? 'it',
    choices: {
      doors: doors.rows,
      ...choices,
      categories: categories.map(({ id, label }) => ({ id, label })),
    },
    hours: {
      counts: hours.cells,
      weekdayTotals: hours.rowTotals ?? [],
      total: hours.total ?? 0,
      open: openHours(settings),
    },
    weeks: trend(weekCounts, weeksOf),
    months: trend(monthCounts, monthsOf),
    doors: bars(
      doorCounts,
      doors.rows.map((door) => ({ key: door.id, name: door.name })),
    ),
    languages: bars(languageCounts, []),
    categories: bars(
      categoryCounts,
      categories.map(({ id, label }) => ({ key: id, label })),
    ),
    outcomes: questions.map((q) => ({
      id: q.id,
      label: q.label,
      answers: outcomeBars
        .filter((bar) => bar.key.startsWith(`${q.id}:`))
        .map((bar) => ({ ...bar, key: bar.key.slice(q.id.length + 1) })),
    })),
    waits: {
      firstReply: waitBars('firstReply'),
      leftWaiting: waitBars('leftWaiting'),
      queue: waitBars('queue'),
      firstReplyMedian: waitsNow.medians.firstReply,
      queueMedian: waitsNow.medians.queue,
    },
    due: bars(dueCounts, [{ key: 'kept' }, { key: 'missed' }]),
    cases: weeks.map((start, i) => ({
      start,
      opened: caseCells[i] ?? 0,
      closed: caseCells[weeks.length + i] ?? 0,
    })),
    referrals: weeks.map((start, i) => ({
      start,
      in: referralCells[i] ?? 0,
      out: referralCells[weeks.length + i] ?? 0,
    })),
  }
}
