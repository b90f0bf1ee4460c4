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

/** The languages each of these operators speaks natively or well. */
async function languagesOf(db: Queryable, userIds: string[]): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ user_id: string; language: string }>(
    `select user_id, language from operator_language
      where user_id = any($1::uuid[]) and level <> 'basic' order by language`,
    [[...new Set(userIds)]],
  )
  const spoken = new Map<string, string[]>()
  for (const row of rows) spoken.set(row.user_id, [...(spoken.get(row.user_id) ?? []), row.language])
  return spoken
}

/** What a shift covers: each language its people speak, with how many of them, most spoken first. */
function languagesOnShift(userIds: string[], spoken: Map<string, string[]>) {
  const counts = new Map<string, number>()
  for (const id of new Set(userIds))
    for (const language of spoken.get(id) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1)
  return [...counts]
    .map(([language, operators]) => ({ language, operators }))
    .sort((a, b) => b.operators - a.operators || a.language.localeCompare(b.language))
}

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
  const spoken = await languagesOf(
    tx,
    occurrences.flatMap((o) => o.on.map((a) => a.user_id)),
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
      languagesSpoken: languagesOnShift(
        o.on.map((a) => a.user_id),
        spoken,
      ),
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
