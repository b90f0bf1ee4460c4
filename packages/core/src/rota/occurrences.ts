// The occurrences of a helpline's shifts between two instants: pure, like the opening hours. The
// recurrence rule runs on "floating" dates (rrule's own advice for wall-clock events): it only
// says which local days a shift falls on; luxon then places the wall-clock times on each day in
// the helpline's zone, so an evening shift stays 19:00–21:00 across the clocks' change.
import rrule from 'rrule'
import { addDays, instantAt, localDateOf } from '../policy/local-days.ts'
import { minutesOf } from '../policy/schedule.ts'

const { RRule, RRuleSet } = rrule

export const SHIFT_ROLES = ['volunteer', 'supervisor', 'mediator'] as const
export type ShiftRole = (typeof SHIFT_ROLES)[number]

export type ShiftPattern = {
  id: string
  /** 'YYYY-MM-DD': the first day (and the only one without a recurrence). */
  startsOn: string
  /** 'HH:MM' local; an end before the start ends the next day. */
  start: string
  end: string
  /** RFC 5545 rule without DTSTART, e.g. 'FREQ=WEEKLY;BYDAY=TU,SA'; null: once. */
  recurrence: string | null
  /** The last day it may fall on, included. */
  until: string | null
  /** Days it is not held. */
  exceptions: readonly string[]
}

export type Occurrence = { shiftId: string; date: string; start: Date; end: Date }

const floating = (date: string) => new Date(`${date}T00:00:00Z`)

/** The local days a shift falls on, from `first` to `last` included. */
export function shiftDays(shift: ShiftPattern, first: string, last: string): string[] {
  if (!shift.recurrence) {
    const held = !shift.exceptions.includes(shift.startsOn)
    return held && first <= shift.startsOn && shift.startsOn <= last ? [shift.startsOn] : []
  }
  const set = new RRuleSet()
  set.rrule(
    new RRule({
      ...RRule.parseString(shift.recurrence),
      dtstart: floating(shift.startsOn),
      until: shift.until ? floating(shift.until) : null,
    }),
  )
  for (const day of shift.exceptions) set.exdate(floating(day))
  return set.between(floating(first), floating(last), true).map((d) => d.toISOString().slice(0, 10))
}

/** The instants of a shift on one local day. */
export function occurrenceOn(shift: ShiftPattern, date: string, zone: string): Occurrence {
  const crossesMidnight = shift.end !== '24:00' && minutesOf(shift.end) < minutesOf(shift.start)
  const start = instantAt(date, shift.start, zone).toJSDate()
  const end = instantAt(crossesMidnight ? addDays(date, 1) : date, shift.end, zone).toJSDate()
  return { shiftId: shift.id, date, start, end }
}

/** Every occurrence overlapping [from, to), by start. */
export function occurrencesBetween(
  shifts: readonly ShiftPattern[],
  zone: string,
  from: Date,
  to: Date,
): Occurrence[] {
  // a shift of the day before may run past midnight into the period
  const first = addDays(localDateOf(from, zone), -1)
  const last = localDateOf(to, zone)
  return shifts
    .flatMap((shift) => shiftDays(shift, first, last).map((date) => occurrenceOn(shift, date, zone)))
    .filter((o) => o.start < to && o.end > from && o.start < o.end)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.shiftId.localeCompare(b.shiftId))
}
