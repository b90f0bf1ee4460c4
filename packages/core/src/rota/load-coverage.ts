// The coverage of some days of a helpline: its opening intervals, the shifts' occurrences with
// who is on them, and the gaps between the two. The week's screen and the daily digest read it.
import type { Queryable } from '@ascolto/db'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { addDays, instantAt } from '../policy/local-days.ts'
import { openIntervalsOn } from '../policy/opening.ts'
import { timeZoneOf } from '../policy/schedule.ts'
import { findGaps } from './coverage.ts'
import { loadAssignments, loadShifts } from './load-shifts.ts'
import { occurrencesBetween, type ShiftRole } from './occurrences.ts'

/** From 00:00 of `firstDay` for `days` local days, in the helpline's zone. */
export async function loadCoverage(db: Queryable, helplineId: string, firstDay: string, days: number) {
  const rules = openingRulesOf(await loadHelplineSettings(db, helplineId))
  const zone = timeZoneOf(rules)
  const from = instantAt(firstDay, '00:00', zone).toJSDate()
  const to = instantAt(addDays(firstDay, days), '00:00', zone).toJSDate()
  // the day before too: its night may run into the period
  const opening = Array.from({ length: days + 1 }, (_, d) => addDays(firstDay, d - 1))
    .flatMap((day) => openIntervalsOn(rules, day))
    .map((i) => ({
      start: new Date(Math.max(i.start.getTime(), from.getTime())),
      end: new Date(Math.min(i.end.getTime(), to.getTime())),
    }))
    .filter((i) => i.start < i.end)
  const shifts = await loadShifts(db, helplineId)
  const found = occurrencesBetween(shifts, zone, from, to)
  const assignments = await loadAssignments(db, helplineId, found)
  const occurrences = found.map((o) => {
    const shift = shifts.find((s) => s.id === o.shiftId)
    const on = assignments.filter((a) => a.shift_id === o.shiftId && a.on_date === o.date)
    const staffed: Partial<Record<ShiftRole, number>> = {}
    for (const a of on) staffed[a.role] = (staffed[a.role] ?? 0) + 1
    return { ...o, shift, on, needs: shift?.needs ?? {}, staffed }
  })
  return { zone, opening, occurrences, gaps: findGaps(opening, occurrences) }
}
