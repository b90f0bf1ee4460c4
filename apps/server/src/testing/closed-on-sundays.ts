// A line open Monday to Saturday 09:00–18:00 and closed on Sundays, for the cases' tests of
// follow-ups moved into the opening hours.
import type { Pool } from '@ascolto/db'

const DAY = [{ start: '09:00', end: '18:00' }]

export async function closeOnSundays(pool: Pool, helplineId: string) {
  const opening = {
    alwaysOpen: false,
    weekly: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY },
    exceptions: [],
    closures: [],
    closedOnPublicHolidays: false,
  }
  await pool.query(`update helpline set settings = jsonb_build_object('opening', $2::jsonb) where id = $1`, [
    helplineId,
    opening,
  ])
}
