// Who is on a shift's day: an operator signs up (confirmed at once) or a coordinator assigns
// someone (confirmed when they say so); the operator confirms or gives it back. A supervisor's
// place is for supervisors and coordinators; a volunteer's or mediator's for any member.
import type { AssignmentBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadShifts } from './load-shifts.ts'
import { shiftDays } from './occurrences.ts'

const audit = (tx: Tx, actor: Actor, helplineId: string, action: string, assignmentId: string) =>
  recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action,
    subjectType: 'shift_assignment',
    subjectId: assignmentId,
  })

export async function assignShift(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; shiftId: string; body: AssignmentBody },
): Promise<{ id: string }> {
  const { date, role, userId } = input.body
  const forSomeoneElse = userId !== undefined && userId !== actor.userId
  requireRole(actor, input.helplineId, forSomeoneElse ? 'coordinator' : 'volunteer')
  const [shift] = await loadShifts(tx, input.helplineId, [input.shiftId])
  if (!shift) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Shift not found')
  if (shiftDays(shift, date, date).length === 0)
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `The shift is not held on ${date}`)
  const who = userId ?? actor.userId
  const { rows } = await tx.query<{ role: string }>(
    `select m.role from membership m join app_user u on u.id = m.user_id
      where m.user_id = $1 and m.helpline_id = $2 and u.deactivated_at is null`,
    [who, input.helplineId],
  )
  const memberRole = rows[0]?.role
  if (!memberRole) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No such member of this helpline')
  if (role === 'supervisor' && memberRole === 'volunteer')
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', "A supervisor's place needs a supervisor")
  const inserted = await tx.query<{ id: string }>(
    `insert into shift_assignment (shift_id, on_date, user_id, role, confirmed_at, assigned_by)
     values ($1, $2, $3, $4, case when $5 then null else now() end, $6)
     on conflict (shift_id, on_date, user_id) do nothing returning id`,
    [input.shiftId, date, who, role, forSomeoneElse, actor.userId],
  )
  const id = inserted.rows[0]?.id
  if (!id) throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'Already on this shift that day')
  await audit(tx, actor, input.helplineId, forSomeoneElse ? 'shift.assign' : 'shift.sign_up', id)
  return { id }
}

export type AssignmentOf = { id: string; helplineId: string; userId: string }

/** An assignment in one of the actor's helplines (else "not found"). */
export async function findAssignment(tx: Tx, actor: Actor, assignmentId: string): Promise<AssignmentOf> {
  const { rows } = await tx.query<{ helpline_id: string; user_id: string }>(
    `select s.helpline_id, a.user_id from shift_assignment a join shift s on s.id = a.shift_id
      where a.id = $1 and s.helpline_id = any($2::uuid[]) for update of a`,
    [assignmentId, [...actor.roles.keys()]],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Shift assignment not found')
  return { id: assignmentId, helplineId: row.helpline_id, userId: row.user_id }
}

/** The assignee says they will be there. */
export async function confirmShift(tx: Tx, actor: Actor, assignmentId: string) {
  const a = await findAssignment(tx, actor, assignmentId)
  if (a.userId !== actor.userId) throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only the assignee confirms')
  await tx.query('update shift_assignment set confirmed_at = coalesce(confirmed_at, now()) where id = $1', [
    a.id,
  ])
  await audit(tx, actor, a.helplineId, 'shift.confirm', a.id)
}

/** The assignee gives the day back (or a coordinator takes them off it): the place is open again. */
export async function giveBackShift(tx: Tx, actor: Actor, assignmentId: string) {
  const a = await findAssignment(tx, actor, assignmentId)
  if (a.userId !== actor.userId) requireRole(actor, a.helplineId, 'coordinator')
  await tx.query('delete from shift_assignment where id = $1', [a.id])
  await audit(tx, actor, a.helplineId, 'shift.give_back', a.id)
}
