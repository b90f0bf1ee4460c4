// One week of a helpline's rota for any of its members: the opening hours, each occurrence with
// who is on it, and the coverage's gaps. Monday 00:00 to the next Monday, in the helpline's zone.

import type { Queryable } from '@ascolto/db'
import type { RotaWeek } from '@ascolto/protocol'
import type { Actor, Tx } from '../context.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { addDays, localDateOf, weekdayOf } from '../policy/local-days.ts'
import { timeZoneOf, WEEKDAYS } from '../policy/schedule.ts'
import { loadCoverage } from './load-coverage.ts'

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

/** The week without an actor. */
export async function rotaWeek(
  tx: Queryable,
  helplineId: string,
  week: string | undefined,
  now: Date,
): Promise<RotaWeek> {
  const zone = timeZoneOf(openingRulesOf(await loadHelplineSettings(tx, helplineId)))
  const monday = mondayOf(week ?? localDateOf(now, zone))
  const { opening, occurrences, gaps } = await loadCoverage(tx, helplineId, monday, 7)
  const members = await tx.query<{
    id: string
    display_name: string
    role: RotaWeek['members'][number]['role']
  }>(
    `select u.id, u.display_name, m.role from membership m join app_user u on u.id = m.user_id
      where m.helpline_id = $1 and u.deactivated_at is null order by u.display_name, u.id`,
    [helplineId],
  )
  return {
    helplineId,
    timeZone: zone,
    week: monday,
    opening: opening.map((i) => ({ startsAt: i.start.toISOString(), endsAt: i.end.toISOString() })),
    occurrences: occurrences.map((o) => ({
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
    gaps: gaps.map((g) => ({
      kind: g.kind,
      startsAt: g.start.toISOString(),
      endsAt: g.end.toISOString(),
      ...(g.kind === 'missing' ? { role: g.role, missing: g.missing } : {}),
    })),
    members: members.rows.map((m) => ({ id: m.id, displayName: m.display_name, role: m.role })),
  }
}
