// The opening-hours model of a helpline, as plain data. The settings file's JSON Schema comes
// later and must describe these same shapes; `checkOpeningRules` lists what a schema cannot
// (a real time zone, a closure that ends before it starts).
import { IANAZone } from 'luxon'

export const DEFAULT_TIME_ZONE = 'Europe/Rome'
export const DEFAULT_ALWAYS_OPEN_DUE_MINUTES = 60

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/**
 * Local wall-clock times 'HH:MM'. `end` may be '24:00'; an end before the start crosses
 * midnight, and the whole range belongs to the day it starts on (a holiday on that day
 * removes it, a holiday on the next day does not).
 */
export type TimeRange = { start: string; end: string }

export type WeeklySchedule = Partial<Record<Weekday, readonly TimeRange[]>>

/** A date-specific rule; it wins over holidays, closures and the weekly hours. */
export type DateException =
  | { date: string; closed: true; reason?: string }
  | { date: string; ranges: readonly TimeRange[]; reason?: string }

/** Closed for whole days, both ends included ('YYYY-MM-DD'). */
export type Closure = { from: string; to: string; reason?: string }

export type PatronSaintDay = { month: number; day: number; name?: string }

export type OpeningRules = {
  /** IANA zone; DEFAULT_TIME_ZONE when absent. */
  timeZone?: string
  weekly: WeeklySchedule
  /** 24/7: every day 00:00–24:00; exceptions, closures and holidays still apply if set. */
  alwaysOpen?: boolean
  exceptions: readonly DateException[]
  closedOnPublicHolidays: boolean
  patronSaintDay?: PatronSaintDay
  closures: readonly Closure[]
  /** Due time of a message on a 24/7 line, in minutes after it arrives. */
  alwaysOpenDueMinutes?: number
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** Minutes after local midnight; '24:00' only where `allowMidnightEnd`. */
export function minutesOf(time: string, allowMidnightEnd = false): number {
  if (allowMidnightEnd && time === '24:00') return 24 * 60
  const m = TIME.exec(time)
  if (!m) throw new RangeError(`not a time of day 'HH:MM': ${JSON.stringify(time)}`)
  return Number(m[1]) * 60 + Number(m[2])
}

export function timeZoneOf(rules: Pick<OpeningRules, 'timeZone'>): string {
  return rules.timeZone ?? DEFAULT_TIME_ZONE
}

function isDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
}

function rangeProblems(ranges: readonly TimeRange[], where: string): string[] {
  const problems: string[] = []
  for (const [i, r] of ranges.entries()) {
    const at = `${where}[${i}]`
    if (!TIME.test(r.start)) problems.push(`${at}.start is not 'HH:MM': ${JSON.stringify(r.start)}`)
    if (!TIME.test(r.end) && r.end !== '24:00')
      problems.push(`${at}.end is not 'HH:MM': ${JSON.stringify(r.end)}`)
    if (r.start === r.end)
      problems.push(`${at} starts and ends at ${r.start}: use 00:00–24:00 for a whole day`)
  }
  return problems
}

/** Every problem at once (empty when the rules are usable), for the settings check at boot. */
export function checkOpeningRules(rules: OpeningRules): string[] {
  const problems: string[] = []
  if (!IANAZone.isValidZone(timeZoneOf(rules))) problems.push(`unknown time zone: ${rules.timeZone}`)
  for (const day of WEEKDAYS) problems.push(...rangeProblems(rules.weekly[day] ?? [], `weekly.${day}`))
  for (const [i, e] of rules.exceptions.entries()) {
    if (!isDate(e.date)) problems.push(`exceptions[${i}].date is not a date 'YYYY-MM-DD': ${e.date}`)
    if ('ranges' in e) problems.push(...rangeProblems(e.ranges, `exceptions[${i}].ranges`))
  }
  for (const [i, c] of rules.closures.entries()) {
    if (!isDate(c.from) || !isDate(c.to)) problems.push(`closures[${i}] needs dates 'YYYY-MM-DD'`)
    else if (c.to < c.from) problems.push(`closures[${i}] ends (${c.to}) before it starts (${c.from})`)
  }
  const p = rules.patronSaintDay
  if (p && !isDate(`2024-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`)) {
    problems.push(`patronSaintDay is not a day of the year: ${p.month}/${p.day}`)
  }
  const due = rules.alwaysOpenDueMinutes
  if (due !== undefined && !(Number.isInteger(due) && due > 0)) {
    problems.push(`alwaysOpenDueMinutes must be a positive whole number: ${due}`)
  }
  return problems
}
