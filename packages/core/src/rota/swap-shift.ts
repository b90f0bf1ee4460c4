// A swap: the assignee offers their day to another member, who accepts (the place becomes
// theirs, confirmed) or declines (nothing changes). The offer is withdrawn by offering again
// or by giving the day back.
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { findAssignment } from './assign-shift.ts'

export async function offerShiftSwap(
  tx: Tx,
  actor: Actor,
  input: { assignmentId: string; toUserId: string },
) {
  const a = await findAssignment(tx, actor, input.assignmentId)
  if (a.userId !== actor.userId)
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only the assignee offers a swap')
  if (input.toUserId === actor.userId)
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A swap is with someone else')
  const { rows } = await tx.query<{ role: string; taken: boolean }>(
    `select m.role, exists (select 1 from shift_assignment o join shift_assignment me on me.id = $3
                             where o.shift_id = me.shift_id and o.on_date = me.on_date and o.user_id = $1) as taken
       from membership m join app_user u on u.id = m.user_id
      where m.user_id = $1 and m.helpline_id = $2 and u.deactivated_at is null`,
    [input.toUserId, a.helplineId, a.id],
  )
  const other = rows[0]
  if (!other) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No such member of this helpline')
  if (other.taken)
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'They are already on this shift that day')
  const role = await tx.query<{ role: string }>('select role from shift_assignment where id = $1', [a.id])
  if (role.rows[0]?.role === 'supervisor' && other.role === 'volunteer')
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', "A supervisor's place needs a supervisor")
  await tx.query(
    `insert into shift_swap (assignment_id, to_user_id) values ($1, $2)
     on conflict (assignment_id) do update set to_user_id = excluded.to_user_id, created_at = now()`,
    [a.id, input.toUserId],
  )
  await recordAuditEvent(tx, {
    helplineId: a.helplineId,
    actorId: actor.userId,
    action: 'shift.swap_offer',
    subjectType: 'shift_assignment',
    subjectId: a.id,
  })
}

export async function answerShiftSwap(
  tx: Tx,
  actor: Actor,
  input: { assignmentId: string; accept: boolean },
) {
  const a = await findAssignment(tx, actor, input.assignmentId)
  const { rows } = await tx.query(
    'delete from shift_swap where assignment_id = $1 and to_user_id = $2 returning 1',
    [a.id, actor.userId],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No swap offered to you')
  if (input.accept) {
    await tx.query(
      'update shift_assignment set user_id = $2, confirmed_at = now(), reminded_at = null where id = $1',
      [a.id, actor.userId],
    )
  }
  await recordAuditEvent(tx, {
    helplineId: a.helplineId,
    actorId: actor.userId,
    action: input.accept ? 'shift.swap_accept' : 'shift.swap_decline',
    subjectType: 'shift_assignment',
    subjectId: a.id,
  })
}
