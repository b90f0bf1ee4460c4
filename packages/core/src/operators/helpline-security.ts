// What a helpline asks of its staff's accounts: a second factor for volunteers too (the default,
// as for every other role; a helpline may relax it for volunteers, audited), and the idle time
// after which a session ends. Read and changed by its coordinators, audited.
import type { Queryable } from '@ascolto/db'
import type { HelplineSecurity } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { downgradeSessionsWithoutSecondFactor } from './end-sessions.ts'
import { requireRole } from './require-role.ts'

export async function readHelplineSecurity(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<HelplineSecurity> {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<{
    volunteer_second_factor: boolean
    session_idle_minutes: number
    reveal_needs_approval: boolean
  }>(
    `select volunteer_second_factor, session_idle_minutes, reveal_needs_approval
       from helpline_security where helpline_id = $1`,
    [helplineId],
  )
  const row = rows[0]
  return {
    volunteerSecondFactor: row?.volunteer_second_factor ?? true,
    sessionIdleMinutes: row?.session_idle_minutes ?? 720,
    revealNeedsApproval: row?.reveal_needs_approval ?? false,
  }
}

export async function updateHelplineSecurity(
  db: Queryable,
  actor: Actor,
  helplineId: string,
  input: HelplineSecurity,
  secondFactorPolicy: 'required' | 'optional',
): Promise<HelplineSecurity> {
  requireRole(actor, helplineId, 'coordinator')
  const security = { ...input, revealNeedsApproval: input.revealNeedsApproval ?? false }
  await db.query(
    `insert into helpline_security (helpline_id, volunteer_second_factor, session_idle_minutes, reveal_needs_approval)
     values ($1, $2, $3, $4)
     on conflict (helpline_id) do update set volunteer_second_factor = excluded.volunteer_second_factor,
       session_idle_minutes = excluded.session_idle_minutes, reveal_needs_approval = excluded.reveal_needs_approval,
       updated_at = now()`,
    [helplineId, security.volunteerSecondFactor, security.sessionIdleMinutes, security.revealNeedsApproval],
  )
  // sessions already open keep to the new idle time from their next use
  await db.query(
    `update user_session s set idle_minutes = least(s.idle_minutes, $2)
      where s.user_id in (select user_id from membership where helpline_id = $1)`,
    [helplineId, input.sessionIdleMinutes],
  )
  await recordAuditEvent(db, {
    helplineId,
    actorId: actor.userId,
    action: 'helpline.security_changed',
    subjectType: 'helpline',
    subjectId: helplineId,
    details: { ...security },
  })
  // the stricter rule reaches volunteers already signed in without a second factor
  const { rows: members } = await db.query<{ user_id: string }>(
    'select user_id from membership where helpline_id = $1',
    [helplineId],
  )
  await downgradeSessionsWithoutSecondFactor(
    db,
    members.map((member) => member.user_id),
    secondFactorPolicy,
  )
  return security
}
