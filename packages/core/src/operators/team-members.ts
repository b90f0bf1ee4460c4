// The team of a helpline, as its coordinators manage it: who is on it with which role, a role
// changed, a member removed (their sessions end at once, everywhere).
import type { Queryable } from '@ascolto/db'
import type { TeamMember } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import {
  downgradeSessionsWithoutSecondFactor,
  endSessionsOf,
  findMemberForCoordinator,
} from './end-sessions.ts'
import { requireRole } from './require-role.ts'

type Role = TeamMember['role']

export async function listTeamMembers(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<TeamMember[]> {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<{
    id: string
    display_name: string
    email: string
    role: Role
    second_factor: boolean
    last_seen_at: Date | null
  }>(
    `select u.id, u.display_name, u.email, m.role,
            (exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)
              or exists (select 1 from user_passkey p where p.user_id = u.id)) as second_factor,
            (select max(s.last_seen_at) from user_session s where s.user_id = u.id) as last_seen_at
       from membership m join app_user u on u.id = m.user_id
      where m.helpline_id = $1 and u.deactivated_at is null
      order by u.display_name, u.id`,
    [helplineId],
  )
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    secondFactor: r.second_factor,
    lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  }))
}

export async function changeMemberRole(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; userId: string; role: Role },
  secondFactorPolicy: 'required' | 'optional',
) {
  const member = await findMemberForCoordinator(db, actor, input.helplineId, input.userId)
  if (input.userId === actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Another coordinator changes your own role')
  }
  await db.query('update membership set role = $3 where helpline_id = $1 and user_id = $2', [
    input.helplineId,
    input.userId,
    input.role,
  ])
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.role_changed',
    subjectType: 'user',
    subjectId: input.userId,
    details: { from: member.role, to: input.role },
  })
  // a volunteer made supervisor without a second factor keeps no full session meanwhile
  await downgradeSessionsWithoutSecondFactor(db, [input.userId], secondFactorPolicy)
}

/**
 * Deactivates a member of the helpline: the membership goes, every session of theirs ends and
 * their open consoles are disconnected; one who belongs to no other helpline is deactivated whole.
 */
export async function deactivateMember(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; userId: string },
) {
  const member = await findMemberForCoordinator(db, actor, input.helplineId, input.userId)
  if (input.userId === actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Another coordinator deactivates you')
  }
  await db.query('delete from membership where helpline_id = $1 and user_id = $2', [
    input.helplineId,
    input.userId,
  ])
  await db.query(
    `update app_user set deactivated_at = now()
      where id = $1 and not is_admin and not exists (select 1 from membership where user_id = $1)`,
    [input.userId],
  )
  await endSessionsOf(db, input.userId)
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.deactivated',
    subjectType: 'user',
    subjectId: input.userId,
    details: { role: member.role },
  })
}
