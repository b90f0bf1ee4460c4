// Every waiting conversation has a due time: the end of the day's last open range if it arrived
// on an open day before that end, or else the end of the first open day's hours after it arrived.
import { addDays } from './local-days.ts'
import { HORIZON_DAYS, localDayOf, nextOpening, openIntervalsOn } from './opening.ts'
import { DEFAULT_ALWAYS_OPEN_DUE_MINUTES, type OpeningRules } from './schedule.ts'

export function dueTime(rules: OpeningRules, arrivedAt: Date): Date {
  if (rules.alwaysOpen) {
    // a 24/7 line has no end of day: a fixed delay, counted from when it is next open
    const from = nextOpening(rules, arrivedAt) ?? arrivedAt
    const minutes = rules.alwaysOpenDueMinutes ?? DEFAULT_ALWAYS_OPEN_DUE_MINUTES
    return new Date(from.getTime() + minutes * 60_000)
  }
  const date = localDayOf(rules, arrivedAt)
  // from the day before: its range may cross midnight and still be open
  for (let day = -1; day <= HORIZON_DAYS; day++) {
    const ends = openIntervalsOn(rules, addDays(date, day)).map((i) => i.end.getTime())
    const lastEnd = Math.max(...ends)
    if (lastEnd > arrivedAt.getTime()) return new Date(lastEnd)
  }
  // no opening within a year: the rules are wrong; due at once, so the message shows as overdue
  return new Date(arrivedAt)
}

/** When a person who wrote at `arrivedAt` begins to wait for the line: then, or when it next opens. */
export function queuedSince(rules: OpeningRules, arrivedAt: Date): Date {
  return nextOpening(rules, arrivedAt) ?? arrivedAt
}
