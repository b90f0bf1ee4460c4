// Ending someone's sessions at once: every session row goes, and a NOTIFY, delivered only if the
// transaction commits, tells every instance to drop that person's open console sockets.
import type { Queryable } from '@ascolto/db'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from './require-role.ts'

/** The channel the socket server listens on; the payload is a user id. */
export const SESSIONS_ENDED_CHANNEL = 'ascolto_sessions_ended'

export async function endSessionsOf(db: Queryable, userId: string) {
  await db.query('delete from user_session where user_id = $1', [userId])
  await db.query('select pg_notify($1, $2)', [SESSIONS_ENDED_CHANNEL, userId])
}

/** A member of the coordinator's helpline, or "not found" (another helpline's staff are invisible). */
export async function findMemberForCoordinator(
  db: Queryable,
  actor: Actor,
  helplineId: string,
  userId: string,
) {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<{ role: 'volunteer' | 'supervisor' | 'coordinator' }>(
    'select role from membership where helpline_id = $1 and user_id = $2',
    [helplineId, userId],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Member not found')
  return rows[0]
}

/** "Log out this volunteer everywhere", by a coordinator of one of their helplines. */
export async function logOutEverywhere(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; userId: string },
) {
  await findMemberForCoordinator(db, actor, input.helplineId, input.userId)
  await endSessionsOf(db, input.userId)
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.logged_out_everywhere',
    subjectType: 'user',
    subjectId: input.userId,
  })
}
