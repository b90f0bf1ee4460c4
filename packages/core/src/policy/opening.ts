// When a helpline is open: the day's effective hours, and the instants they cover. Intervals are
// half-open [start, end): at 21:00:00 a line open until 21:00 is closed.
import { isPublicHoliday } from './holidays.ts'
import { addDays, instantAt, localDateOf, weekdayOf } from './local-days.ts'
import { minutesOf, type OpeningRules, type TimeRange, timeZoneOf } from './schedule.ts'

/** How far ahead to look for an opening before giving up: a year and a day. */
export const HORIZON_DAYS = 366

export type ClosedBy = 'exception' | 'closure' | 'holiday'
export type OpeningDay = { date: string; ranges: readonly TimeRange[]; closedBy?: ClosedBy }
export type OpenInterval = { start: Date; end: Date }

const ALL_DAY: readonly TimeRange[] = [{ start: '00:00', end: '24:00' }]

/**
 * The hours of one local day and, when a rule closed it, which one. The most specific rule
 * wins: a date exception (special hours on Christmas Day open the line even though it is a
 * holiday), then a closure period, then a public holiday, then the weekly hours.
 */
export function openingDay(rules: OpeningRules, date: string): OpeningDay {
  const exception = rules.exceptions.find((e) => e.date === date)
  if (exception) {
    const ranges = 'ranges' in exception ? exception.ranges : []
    return ranges.length > 0 ? { date, ranges } : { date, ranges, closedBy: 'exception' }
  }
  if (rules.closures.some((c) => c.from <= date && date <= c.to))
    return { date, ranges: [], closedBy: 'closure' }
  if (rules.closedOnPublicHolidays && isPublicHoliday(date, rules))
    return { date, ranges: [], closedBy: 'holiday' }
  return { date, ranges: rules.alwaysOpen ? ALL_DAY : (rules.weekly[weekdayOf(date)] ?? []) }
}

/** The ranges open on a local date 'YYYY-MM-DD', after exceptions, closures and holidays. */
export function openRangesOn(rules: OpeningRules, date: string): readonly TimeRange[] {
  return openingDay(rules, date).ranges
}

// Each message asks for the intervals of its day and the day before (is the line open, when is
// it due), and the time zones' arithmetic is the dearest part of it: kept per rules object, which
// nobody changes once made (helplines/helpline-settings.ts keeps one per version of the settings).
const keptIntervals = new WeakMap<OpeningRules, Map<string, readonly OpenInterval[]>>()
const DAYS_KEPT = 32

/** The same ranges as instants, sorted; a range ending before its start ends the next day. Shared: not to be changed. */
export function openIntervalsOn(rules: OpeningRules, date: string): readonly OpenInterval[] {
  let days = keptIntervals.get(rules)
  if (!days) {
    days = new Map()
    keptIntervals.set(rules, days)
  }
  const kept = days.get(date)
  if (kept) return kept
  const intervals = intervalsOn(rules, date)
  if (days.size >= DAYS_KEPT) days.clear()
  days.set(date, intervals)
  return intervals
}

function intervalsOn(rules: OpeningRules, date: string): readonly OpenInterval[] {
  const zone = timeZoneOf(rules)
  return openRangesOn(rules, date)
    .map((r) => {
      const crossesMidnight = r.end !== '24:00' && minutesOf(r.end) < minutesOf(r.start)
      const start = instantAt(date, r.start, zone)
      const end = instantAt(crossesMidnight ? addDays(date, 1) : date, r.end, zone)
      return { start: start.toJSDate(), end: end.toJSDate() }
    })
    .filter((i) => i.start < i.end) // e.g. 02:00–03:00 on the night the clocks skip that hour
    .sort((a, b) => a.start.getTime() - b.start.getTime())
}

// the local day of the last instant asked, with the instants it spans: the next message of the
// same day is placed by two comparisons, not by the time zone's arithmetic
const keptDay = new WeakMap<OpeningRules, { date: string; from: number; to: number }>()

/** The local date 'YYYY-MM-DD' of an instant in the helpline's time zone. */
export function localDayOf(rules: OpeningRules, instant: Date): string {
  const at = instant.getTime()
  const kept = keptDay.get(rules)
  if (kept && kept.from <= at && at < kept.to) return kept.date
  const zone = timeZoneOf(rules)
  const date = localDateOf(instant, zone)
  const from = instantAt(date, '00:00', zone).toMillis()
  const to = instantAt(date, '24:00', zone).toMillis()
  keptDay.set(rules, { date, from, to })
  return date
}

/** The intervals that may cover an instant: those of its local day and of the day before. */
function intervalsAround(rules: OpeningRules, instant: Date): OpenInterval[] {
  const date = localDayOf(rules, instant)
  return [...openIntervalsOn(rules, addDays(date, -1)), ...openIntervalsOn(rules, date)]
}

function covers(i: OpenInterval, instant: Date): boolean {
  return i.start <= instant && instant < i.end
}

export function isOpen(rules: OpeningRules, instant: Date): boolean {
  return intervalsAround(rules, instant).some((i) => covers(i, instant))
}

/** The first instant at or after `instant` when the helpline is open; null if none within HORIZON_DAYS. */
export function nextOpening(rules: OpeningRules, instant: Date): Date | null {
  if (isOpen(rules, instant)) return new Date(instant)
  const date = localDayOf(rules, instant)
  for (let day = 0; day <= HORIZON_DAYS; day++) {
    const next = openIntervalsOn(rules, addDays(date, day)).find((i) => i.start >= instant)
    if (next) return new Date(next.start)
  }
  return null
}

/**
 * When the open stretch around `instant` ends; null when closed. Ranges that touch or overlap
 * count as one stretch (09:00–12:30 then 12:30–17:00; 22:00–24:00 then 00:00–02:00). A
 * stretch still open after HORIZON_DAYS (a 24/7 line with no closure) ends there, for this answer.
 */
export function currentRangeEnd(rules: OpeningRules, instant: Date): Date | null {
  const horizon = instant.getTime() + HORIZON_DAYS * 24 * 3600 * 1000
  let end: Date | null = null
  for (let at = instant; ; at = end) {
    const covering = intervalsAround(rules, at).filter((i) => covers(i, at))
    if (covering.length === 0) return end
    end = new Date(Math.max(...covering.map((i) => i.end.getTime())))
    if (end.getTime() > horizon) return end
  }
}
