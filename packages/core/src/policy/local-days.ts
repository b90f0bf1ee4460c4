// Local calendar days as 'YYYY-MM-DD' strings, and the instants of wall-clock times on them.
// Day arithmetic is done on the calendar (UTC), never by adding 24 hours, so DST cannot skew it.
import { DateTime } from 'luxon'
import { minutesOf, WEEKDAYS, type Weekday } from './schedule.ts'

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function weekdayOf(date: string): Weekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay()
  return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday
}

export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISODate() as string
}

/**
 * The instant of a wall-clock time ('HH:MM' or '24:00') on a local day. Luxon moves a time
 * that the March switch skips an hour forward, and gives the later of the two when October
 * repeats an hour: a range on those nights lasts as long as the clocks on the wall say.
 */
export function instantAt(date: string, time: string, zone: string): DateTime {
  const minutes = minutesOf(time, true)
  const [year, month, day] = date.split('-').map(Number)
  const midnight = DateTime.fromObject({ year, month, day }, { zone })
  if (minutes === 24 * 60) return midnight.plus({ days: 1 }).startOf('day')
  return DateTime.fromObject(
    { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone },
  )
}
