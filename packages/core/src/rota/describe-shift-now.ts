// Who is on shift now and who is due in the next hours: the supervision room shows both.
import type { RotaNow } from '@ascolto/protocol'
import type { Actor, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import { timeZoneOf } from '../policy/schedule.ts'
import { listOperatorsOnShift } from './list-operators-on-shift.ts'
import { loadAssignments, loadShifts } from './load-shifts.ts'
import { occurrencesBetween } from './occurrences.ts'

/** How far ahead "due" looks. */
const DUE_HOURS = 12

export async function describeShiftNow(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; now: Date },
): Promise<RotaNow> {
  requireRole(actor, input.helplineId, 'volunteer')
  const on = await listOperatorsOnShift(tx, { helplineId: input.helplineId, at: input.now })
  const { rows } = await tx.query<{ time_zone: string }>('select time_zone from helpline where id = $1', [
    input.helplineId,
  ])
  const zone = timeZoneOf({ timeZone: rows[0]?.time_zone })
  const until = new Date(input.now.getTime() + DUE_HOURS * 3600_000)
  const upcoming = occurrencesBetween(await loadShifts(tx, input.helplineId), zone, input.now, until).filter(
    (o) => o.start > input.now,
  )
  const assignments = await loadAssignments(tx, input.helplineId, upcoming)
  return {
    on: on.map((o) => ({
      userId: o.userId,
      displayName: o.displayName,
      role: o.role,
      confirmed: o.confirmed,
      at: o.endsAt.toISOString(),
    })),
    due: upcoming.flatMap((o) =>
      assignments
        .filter((a) => a.shift_id === o.shiftId && a.on_date === o.date)
        .map((a) => ({
          userId: a.user_id,
          displayName: a.display_name,
          role: a.role,
          confirmed: a.confirmed_at !== null,
          at: o.start.toISOString(),
        })),
    ),
  }
}
