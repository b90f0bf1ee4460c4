// Each operator's private calendar feed: their shifts in every helpline, for a phone's calendar.
// The address carries a random token; only its SHA-256 is kept, and renewing replaces it, so an
// address that leaked stops working. The feed says the helpline and the hours, nothing else.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import ical from 'ical-generator'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { addDays, localDateOf } from '../policy/local-days.ts'
import { timeZoneOf } from '../policy/schedule.ts'
import { loadShifts } from './load-shifts.ts'
import { occurrenceOn } from './occurrences.ts'

/** A month back (what was done), three months ahead. */
const DAYS_BACK = 31
const DAYS_AHEAD = 92
const TOKEN = /^[A-Za-z0-9_-]{43}$/

const hashOf = (token: string) => createHash('sha256').update(token).digest()

/** A new secret token for the actor's feed; any older address stops answering. */
export async function renewCalendarFeed(tx: Tx, actor: Actor): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await tx.query(
    `insert into calendar_feed (user_id, token_hash) values ($1, $2)
     on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()`,
    [actor.userId, hashOf(token)],
  )
  await recordAuditEvent(tx, {
    helplineId: null,
    actorId: actor.userId,
    action: 'calendar_feed.renew',
    subjectType: 'app_user',
    subjectId: actor.userId,
  })
  return token
}

type Labels = { title: (helpline: string, role: string) => string; calendar: string }
const LABELS: Record<string, Labels> = {
  it: {
    title: (helpline, role) =>
      `${helpline}: turno (${{ volunteer: 'volontariato', supervisor: 'supervisione', mediator: 'mediazione' }[role] ?? role})`,
    calendar: 'Ascolto: i miei turni',
  },
  en: { title: (helpline, role) => `${helpline}: shift (${role})`, calendar: 'Ascolto: my shifts' },
}

/** The feed's iCalendar text, or null for a token that names no feed (or a deactivated account). */
export async function renderCalendarFeed(db: Queryable, token: string, now: Date): Promise<string | null> {
  if (!TOKEN.test(token)) return null
  const { rows: users } = await db.query<{ id: string; locale: string }>(
    `select u.id, u.locale from calendar_feed f join app_user u on u.id = f.user_id
      where f.token_hash = $1 and u.deactivated_at is null`,
    [hashOf(token)],
  )
  const user = users[0]
  if (!user) return null
  const labels = LABELS[user.locale] ?? (LABELS.en as Labels)
  const { rows } = await db.query<{
    id: string
    shift_id: string
    on_date: string
    role: string
    helpline_id: string
    helpline_name: string
    time_zone: string
  }>(
    `select a.id, a.shift_id, a.on_date::text, a.role, h.id as helpline_id, h.name as helpline_name, h.time_zone
       from shift_assignment a join shift s on s.id = a.shift_id join helpline h on h.id = s.helpline_id
       join membership m on m.helpline_id = h.id and m.user_id = a.user_id
      where a.user_id = $1 and a.on_date between $2::date and $3::date
      order by a.on_date, a.id`,
    [user.id, addDays(localDateOf(now, 'UTC'), -DAYS_BACK), addDays(localDateOf(now, 'UTC'), DAYS_AHEAD)],
  )
  const calendar = ical({ name: labels.calendar, prodId: { company: 'Ascolto', product: 'rota' } })
  const shiftsOf = new Map<string, Awaited<ReturnType<typeof loadShifts>>>()
  for (const row of rows) {
    if (!shiftsOf.has(row.helpline_id)) shiftsOf.set(row.helpline_id, await loadShifts(db, row.helpline_id))
    const shift = shiftsOf.get(row.helpline_id)?.find((s) => s.id === row.shift_id)
    if (!shift || shift.exceptions.includes(row.on_date)) continue
    const o = occurrenceOn(shift, row.on_date, timeZoneOf({ timeZone: row.time_zone }))
    calendar.createEvent({
      id: `${row.id}@ascolto`,
      start: o.start,
      end: o.end,
      stamp: now,
      summary: labels.title(row.helpline_name, row.role),
    })
  }
  return calendar.toString()
}
