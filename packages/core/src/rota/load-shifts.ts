// A helpline's shifts as the pure functions take them, with their needs and language.
import type { Queryable } from '@ascolto/db'
import type { ShiftPattern, ShiftRole } from './occurrences.ts'

export type Shift = ShiftPattern & {
  helplineId: string
  language: string | null
  needs: Partial<Record<ShiftRole, number>>
}

const day = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10))

export async function loadShifts(
  db: Queryable,
  helplineId: string,
  ids?: readonly string[],
): Promise<Shift[]> {
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    starts_on: string
    start_time: string
    end_time: string
    recurrence: string | null
    until: string | null
    language: string | null
    needs: Record<ShiftRole, number> | null
    exceptions: string[] | null
  }>(
    `select s.id, s.helpline_id, s.starts_on::text, s.start_time, s.end_time, s.recurrence, s.until::text, s.language,
            (select jsonb_object_agg(n.role, n.count) from shift_need n where n.shift_id = s.id) as needs,
            (select array_agg(e.on_date::text) from shift_exception e where e.shift_id = s.id) as exceptions
       from shift s
      where s.helpline_id = $1 and ($2::uuid[] is null or s.id = any($2::uuid[]))
      order by s.starts_on, s.start_time, s.id`,
    [helplineId, ids ?? null],
  )
  return rows.map((r) => ({
    id: r.id,
    helplineId: r.helpline_id,
    startsOn: day(r.starts_on),
    start: r.start_time,
    end: r.end_time,
    recurrence: r.recurrence,
    until: r.until,
    exceptions: r.exceptions ?? [],
    language: r.language,
    needs: r.needs ?? {},
  }))
}

export type AssignmentRow = {
  id: string
  shift_id: string
  on_date: string
  user_id: string
  display_name: string
  role: ShiftRole
  confirmed_at: Date | null
  swap_to_id: string | null
  swap_to_name: string | null
}

/** The assignments of some occurrences (shift id and day pairs) of active members. */
export async function loadAssignments(
  db: Queryable,
  helplineId: string,
  occurrences: ReadonlyArray<{ shiftId: string; date: string }>,
): Promise<AssignmentRow[]> {
  if (occurrences.length === 0) return []
  const { rows } = await db.query<AssignmentRow>(
    `select a.id, a.shift_id, a.on_date::text, a.user_id, u.display_name, a.role, a.confirmed_at,
            sw.to_user_id as swap_to_id, su.display_name as swap_to_name
       from shift_assignment a
       join shift s on s.id = a.shift_id and s.helpline_id = $1
       join app_user u on u.id = a.user_id and u.deactivated_at is null
       join membership m on m.user_id = a.user_id and m.helpline_id = $1
       join unnest($2::uuid[], $3::date[]) as o(shift_id, on_date) on o.shift_id = a.shift_id and o.on_date = a.on_date
       left join shift_swap sw on sw.assignment_id = a.id
       left join app_user su on su.id = sw.to_user_id
      order by a.created_at, a.id`,
    [helplineId, occurrences.map((o) => o.shiftId), occurrences.map((o) => o.date)],
  )
  return rows
}
