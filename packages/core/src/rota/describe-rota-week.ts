// One week of a helpline's rota for any of its members: the opening hours, each occurrence with
// who is on it, and the coverage's gaps. Monday 00:00 to the next Monday, in the helpline's zone.
import type { RotaWeek } from '@ascolto/protocol'
import type { Actor, Tx } from '../context.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { addDays, instantAt, localDateOf, weekdayOf } from '../policy/local-days.ts'
import { openIntervalsOn } from '../policy/opening.ts'
import { timeZoneOf, WEEKDAYS } from '../policy/schedule.ts'
import { findGaps } from './coverage.ts'
import { loadAssignments, loadShifts } from './load-shifts.ts'
import { occurrencesBetween, type ShiftRole } from './occurrences.ts'

/** The Monday of the week a day (or an instant, in a zone) falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)))
}

export async function describeRotaWeek(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; week?: string; now: Date },
): Promise<RotaWeek> {
  requireRole(actor, input.helplineId, 'volunteer')
  return rotaWeek(tx, input.helplineId, input.week, input.now)
}

/** The week without an actor: the digest's job reads it too. */
export async function rotaWeek(
  tx: Tx,
  helplineId: string,
  week: string | undefined,
  now: Date,
): Promise<RotaWeek> {
  const settings = await loadHelplineSettings(tx, helplineId)
  const rules = openingRulesOf(settings)
  const zone = timeZoneOf(rules)
  const monday = mondayOf(week ?? localDateOf(now, zone))
  const from = instantAt(monday, '00:00', zone).toJSDate()
  const to = instantAt(addDays(monday, 7), '00:00', zone).toJSDate()
  const days = [-1, 0, 1, 2, 3, 4, 5, 6].map((d) => addDays(monday, d))
  const opening = days
    .flatMap((day) => openIntervalsOn(rules, day))
    .map((i) => ({
      start: new Date(Math.max(i.start.getTime(), from.getTime())),
      end: new Date(Math.min(i.end.getTime(), to.getTime())),
    }))
    .filter((i) => i.start < i.end)
  const shifts = await loadShifts(tx, helplineId)
  const occurrences = occurrencesBetween(shifts, zone, from, to)
  const assignments = await loadAssignments(tx, helplineId, occurrences)
  const members = await tx.query<{
    id: string
    display_name: string
    role: RotaWeek['members'][number]['role']
  }>(
    `select u.id, u.display_name, m.role from membership m join app_user u on u.id = m.user_id
      where m.helpline_id = $1 and u.deactivated_at is null order by u.display_name, u.id`,
    [helplineId],
  )
  const staffed = occurrences.map((o) => {
    const shift = shifts.find((s) => s.id === o.shiftId)
    const on = assignments.filter((a) => a.shift_id === o.shiftId && a.on_date === o.date)
    const count: Partial<Record<ShiftRole, number>> = {}
    for (const a of on) count[a.role] = (count[a.role] ?? 0) + 1
    return { ...o, shift, on, needs: shift?.needs ?? {}, staffed: count }
  })
  return {
    helplineId,
    timeZone: zone,
    week: monday,
    opening: opening.map((i) => ({ startsAt: i.start.toISOString(), endsAt: i.end.toISOString() })),
    occurrences: staffed.map((o) => ({
      shiftId: o.shiftId,
      date: o.date,
      startsAt: o.start.toISOString(),
      endsAt: o.end.toISOString(),
      start: o.shift?.start ?? '',
      end: o.shift?.end ?? '',
      repeats: Boolean(o.shift?.recurrence),
      language: o.shift?.language ?? null,
      needs: o.needs,
      assignments: o.on.map((a) => ({
        id: a.id,
        userId: a.user_id,
        displayName: a.display_name,
        role: a.role,
        confirmed: a.confirmed_at !== null,
        swapTo: a.swap_to_id ? { id: a.swap_to_id, displayName: a.swap_to_name ?? '' } : null,
      })),
    })),
    gaps: findGaps(opening, staffed).map((g) => ({
      kind: g.kind,
      startsAt: g.start.toISOString(),
      endsAt: g.end.toISOString(),
      ...(g.kind === 'missing' ? { role: g.role, missing: g.missing } : {}),
    })),
    members: members.rows.map((m) => ({ id: m.id, displayName: m.display_name, role: m.role })),
  }
}
