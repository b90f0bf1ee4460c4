// Coordinators build the rota: a shift (once, or weekly on some days), removed whole, or one of
// its days cancelled (an exception). Every change is audited, ids only.
import type { Queryable } from '@ascolto/db'
import type { ShiftBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { weekdayOf } from '../policy/local-days.ts'
import { SHIFT_ROLES } from './occurrences.ts'

const audit = (tx: Tx, actor: Actor, helplineId: string, action: string, shiftId: string, details = {}) =>
  recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action,
    subjectType: 'shift',
    subjectId: shiftId,
    details,
  })

export async function createShift(tx: Tx, actor: Actor, input: { helplineId: string; body: ShiftBody }) {
  requireRole(actor, input.helplineId, 'coordinator')
  const { startsOn, start, end, weekdays, until, needs, language } = input.body
  if (start === end)
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A shift cannot start and end at the same time')
  if (until && until < startsOn) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'until is before startsOn')
  if (!SHIFT_ROLES.some((role) => (needs[role] ?? 0) > 0))
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A shift needs at least one operator')
  // the first day is one of the weekdays it repeats on, so the rule and the start agree
  const days = weekdays?.length
    ? [...new Set([weekdayOf(startsOn).slice(0, 2).toUpperCase(), ...weekdays])]
    : []
  const { rows } = await tx.query<{ id: string }>(
    `insert into shift (helpline_id, starts_on, start_time, end_time, recurrence, until, language, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      input.helplineId,
      startsOn,
      start,
      end,
      days.length ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : null,
      until ?? null,
      language ?? null,
      actor.userId,
    ],
  )
  const id = rows[0]?.id as string
  for (const role of SHIFT_ROLES) {
    const count = needs[role] ?? 0
    if (count > 0)
      await tx.query('insert into shift_need (shift_id, role, count) values ($1, $2, $3)', [id, role, count])
  }
  await audit(tx, actor, input.helplineId, 'shift.create', id)
  return { id }
}

/** The helpline of a shift, within the actor's helplines (else "not found"). */
export async function findShiftHelpline(db: Queryable, helplineIds: readonly string[], shiftId: string) {
  const { rows } = await db.query<{ helpline_id: string }>(
    'select helpline_id from shift where id = $1 and helpline_id = any($2::uuid[])',
    [shiftId, helplineIds],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Shift not found')
  return rows[0].helpline_id
}

export async function deleteShift(tx: Tx, actor: Actor, input: { helplineId: string; shiftId: string }) {
  requireRole(actor, input.helplineId, 'coordinator')
  await tx.query('delete from shift where id = $1 and helpline_id = $2', [input.shiftId, input.helplineId])
  await audit(tx, actor, input.helplineId, 'shift.delete', input.shiftId)
}

/** One day of a shift not held; its assignments on that day go with it. */
export async function cancelShiftDay(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; shiftId: string; date: string },
) {
  requireRole(actor, input.helplineId, 'coordinator')
  await tx.query('insert into shift_exception (shift_id, on_date) values ($1, $2) on conflict do nothing', [
    input.shiftId,
    input.date,
  ])
  await tx.query('delete from shift_assignment where shift_id = $1 and on_date = $2', [
    input.shiftId,
    input.date,
  ])
  await audit(tx, actor, input.helplineId, 'shift.cancel_day', input.shiftId, { date: input.date })
}
