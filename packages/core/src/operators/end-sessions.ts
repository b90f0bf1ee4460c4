// Ending someone's sessions at once: every session row goes, and a NOTIFY, delivered only if the
// transaction commits, tells every instance to drop that person's open console sockets.
import type { Queryable } from '@ascolto/db'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from './require-role.ts'
import { secondFactorState } from './second-factor.ts'

/** The channel the socket server listens on; the payload is a user id. */
export const SESSIONS_ENDED_CHANNEL = 'ascolto_sessions_ended'

export async function endSessionsOf(db: Queryable, userId: string) {
  await db.query('delete from user_session where user_id = $1', [userId])
  await db.query('select pg_notify($1, $2)', [SESSIONS_ENDED_CHANNEL, userId])
}

/**
 * A stricter rule reaches sessions already open: a role change or a helpline now asking a second
 * factor of volunteers turns the sessions of whoever needs one and has none into enrolment-only
 * sessions (they may set one up, nothing else), and their open consoles are dropped at once.
 * Nothing changes where the installation does not make anyone enrol (ASCOLTO_SECOND_FACTOR=optional).
 */
export async function downgradeSessionsWithoutSecondFactor(
  db: Queryable,
  userIds: readonly string[],
  policy: 'required' | 'optional',
) {
  if (policy !== 'required') return
  for (const userId of userIds) {
    const factor = await secondFactorState(db, userId)
    if (!factor.required || factor.enrolled) continue
    const downgraded = await db.query(
      'update user_session set enrolment_only = true where user_id = $1 and not enrolment_only',
      [userId],
    )
    if (downgraded.rowCount) await db.query('select pg_notify($1, $2)', [SESSIONS_ENDED_CHANNEL, userId])
  }
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
