// Who is on shift at an instant, with the role they fill: the phone rings them, the safeguarding
// alert goes to the supervisor among them, automatic assignment prefers them. An operator on
// two overlapping shifts is listed once, in the first role found (supervisor before others).
import type { Queryable } from '@ascolto/db'
import { timeZoneOf } from '../policy/schedule.ts'
import { loadAssignments, loadShifts } from './load-shifts.ts'
import { occurrencesBetween, type ShiftRole } from './occurrences.ts'

export type OperatorOnShift = {
  userId: string
  displayName: string
  role: ShiftRole
  /** A coordinator's assignment the operator has not confirmed yet. */
  confirmed: boolean
  startsAt: Date
  endsAt: Date
}

const ORDER: Record<ShiftRole, number> = { supervisor: 0, volunteer: 1, mediator: 2 }

export async function listOperatorsOnShift(
  db: Queryable,
  { helplineId, at }: { helplineId: string; at: Date },
): Promise<OperatorOnShift[]> {
  const { rows } = await db.query<{ time_zone: string }>('select time_zone from helpline where id = $1', [
    helplineId,
  ])
  if (!rows[0]) return []
  const zone = timeZoneOf({ timeZone: rows[0].time_zone })
  const shifts = await loadShifts(db, helplineId)
  const current = occurrencesBetween(shifts, zone, at, new Date(at.getTime() + 1))
  const assignments = await loadAssignments(db, helplineId, current)
  const on = assignments
    .map((a) => {
      const o = current.find((c) => c.shiftId === a.shift_id && c.date === a.on_date)
      return (
        o && {
          userId: a.user_id,
          displayName: a.display_name,
          role: a.role,
          confirmed: a.confirmed_at !== null,
          startsAt: o.start,
          endsAt: o.end,
        }
      )
    })
    .filter((a): a is OperatorOnShift => Boolean(a))
    .sort((a, b) => ORDER[a.role] - ORDER[b.role] || a.displayName.localeCompare(b.displayName))
  return on.filter((a, i) => on.findIndex((b) => b.userId === a.userId) === i)
}
