// The reminder before a shift, for the operators who asked for one (`shift_reminder_minutes`, how
// long before; none by default): by e-mail through the helpline's mailbox, once per occurrence
// (`shift_assignment.reminded_at` is the claim), queued by the worker's frequent tick and sent as
// an outbox row like the digest.
import type { ChannelAdapter } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Actor, Services, Tx } from '../context.ts'
import { enqueue, type OutboxRow } from '../outbox/outbox.ts'
import { timeZoneOf } from '../policy/schedule.ts'
import { loadShifts } from './load-shifts.ts'
import { mailOperator } from './mail-operator.ts'
import { occurrencesBetween } from './occurrences.ts'

/** The longest an operator may ask to be reminded before (two days), as the schema allows. */
const LONGEST_MINUTES = 2880

export async function readShiftReminder(tx: Pick<Tx, 'query'>, actor: Actor): Promise<number | null> {
  const { rows } = await tx.query<{ minutes: number | null }>(
    'select shift_reminder_minutes as minutes from app_user where id = $1',
    [actor.userId],
  )
  return rows[0]?.minutes ?? null
}

/** How long before each shift the operator is reminded; null: never. */
export async function setShiftReminder(tx: Tx, actor: Actor, minutes: number | null): Promise<number | null> {
  await tx.query('update app_user set shift_reminder_minutes = $2 where id = $1', [actor.userId, minutes])
  return minutes
}

/** Queues the reminders due at `now`: one outbox row per occurrence and operator, once. */
export async function queueShiftReminders(pool: Pool, now: Date): Promise<number> {
  const { rows: helplines } = await pool.query<{ id: string; time_zone: string; channel_id: string }>(
    `select h.id, h.time_zone,
            (select c.id from channel c where c.helpline_id = h.id and c.kind = 'email' and c.enabled
              order by c.created_at limit 1) as channel_id
       from helpline h
      where exists (select 1 from shift s where s.helpline_id = h.id)
        and exists (select 1 from membership m join app_user u on u.id = m.user_id
                     where m.helpline_id = h.id and u.shift_reminder_minutes is not null)`,
  )
  let queued = 0
  for (const helpline of helplines) {
    if (!helpline.channel_id) continue
    const zone = timeZoneOf({ timeZone: helpline.time_zone })
    const upcoming = occurrencesBetween(
      await loadShifts(pool, helpline.id),
      zone,
      now,
      new Date(now.getTime() + LONGEST_MINUTES * 60_000),
    ).filter((o) => o.start > now)
    if (upcoming.length === 0) continue
    queued += await withTransaction(pool, async (tx) => {
      // claimed here: a second worker's update finds reminded_at set and queues nothing
      const { rows } = await tx.query<{ id: string; user_id: string; start: Date; end: Date }>(
        `update shift_assignment a set reminded_at = $4
           from app_user u,
                unnest($1::uuid[], $2::date[], $3::timestamptz[], $5::timestamptz[]) as o(shift_id, on_date, start, "end")
          where a.shift_id = o.shift_id and a.on_date = o.on_date and u.id = a.user_id
            and a.reminded_at is null and u.deactivated_at is null
            and u.shift_reminder_minutes is not null
            and o.start - make_interval(mins => u.shift_reminder_minutes) <= $4
          returning a.id, a.user_id, o.start, o."end"`,
        [
          upcoming.map((o) => o.shiftId),
          upcoming.map((o) => o.date),
          upcoming.map((o) => o.start),
          now,
          upcoming.map((o) => o.end),
        ],
      )
      for (const row of rows) {
        await enqueue(tx, 'shift_reminder', `shift-reminder:${row.id}`, {
          helplineId: helpline.id,
          channelId: helpline.channel_id,
          userId: row.user_id,
          start: row.start.toISOString(),
          end: row.end.toISOString(),
        })
      }
      return rows.length
    })
  }
  return queued
}

const TEXTS: Record<string, (helpline: string, when: string, until: string) => string> = {
  it: (helpline, when, until) => `Ascolto · ${helpline}: il tuo turno inizia ${when} (fino alle ${until}).`,
  en: (helpline, when, until) => `Ascolto · ${helpline}: your shift starts ${when} (until ${until}).`,
}
const AT: Record<string, string> = { it: 'alle', en: 'at' }

/** "sabato 7 marzo alle 19:00" on the helpline's wall clock, in the operator's language. */
export function reminderText(helpline: string, start: Date, end: Date, zone: string, locale: string): string {
  const language = TEXTS[locale] ? locale : 'en'
  const time = (d: Date) =>
    d.toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const day = start.toLocaleDateString(language, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  })
  return (TEXTS[language] as (typeof TEXTS)['it'])(
    helpline,
    `${day} ${AT[language]} ${time(start)}`,
    time(end),
  )
}

export async function sendShiftReminder(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'failed' | 'retry'> {
  const { helplineId, channelId, userId, start, end } = row.payload as Record<string, string | undefined>
  return mailOperator(pool, services, adapters, row, { helplineId, channelId, userId }, async (reader) => {
    if (!start || !end) return null
    const { rows } = await pool.query<{ time_zone: string }>('select time_zone from helpline where id = $1', [
      helplineId,
    ])
    const zone = timeZoneOf({ timeZone: rows[0]?.time_zone ?? 'Europe/Rome' })
    return reminderText(reader.helplineName, new Date(start), new Date(end), zone, reader.locale)
  })
}
