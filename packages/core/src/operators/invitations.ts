// Invitations: a coordinator invites an e-mail address to the helpline with a role; the link
// carries a random token (the database keeps its SHA-256), sets the newcomer's password, works
// once and expires.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { InvitationView, MemberRole as Role } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { addMembership, createUser } from './create-user.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { requireRole } from './require-role.ts'
import { assertNotThrottled, recordSignInFailure, recordSignInSuccess } from './sign-in-throttle.ts'

export const INVITATION_DAYS = 7

export const tokenHash = (token: string) => createHash('sha256').update(token).digest()

/** The columns an invitation is shown from, and its state read in SQL (now() decides expiry). */
export const INVITATION_COLUMNS = `id, email, role, created_at, expires_at, used_at, revoked_at,
  case when used_at is not null then 'accepted' when revoked_at is not null then 'revoked'
       when expires_at <= now() then 'expired' else 'open' end as state`

export type InvitationRow = {
  id: string
  email: string
  role: Role
  state: InvitationView['state']
  created_at: Date
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
}

export const invitationView = (r: InvitationRow): InvitationView => ({
  id: r.id,
  email: r.email,
  role: r.role,
  state: r.state,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  usedAt: r.used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
})

/**
 * One open invitation per address and helpline: a second one is refused (409), so two links for
 * one person never both work. The advisory lock makes two coordinators inviting at once take turns.
 */
export async function inviteMember(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; email: string; role: Role },
): Promise<{ token: string; invitation: InvitationView }> {
  requireRole(actor, input.helplineId, 'coordinator')
  const email = input.email.trim().toLowerCase()
  await db.query("select pg_advisory_xact_lock(hashtext('invitation:' || $1 || ':' || $2))", [
    input.helplineId,
    email,
  ])
  const open = await db.query(
    `select 1 from invitation where helpline_id = $1 and email = $2
        and used_at is null and revoked_at is null and expires_at > now()`,
    [input.helplineId, email],
  )
  if (open.rowCount) {
    throw new AscoltoError(
      'ASCOLTO_ERR_INVITATION_OPEN',
      'This address already has an open invitation: copy its link or revoke it first',
    )
  }
  const token = randomBytes(32).toString('base64url')
  const { rows } = await db.query<InvitationRow>(
    `insert into invitation (token_hash, helpline_id, email, role, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning ${INVITATION_COLUMNS}`,
    [tokenHash(token), input.helplineId, email, input.role, actor.userId, INVITATION_DAYS],
  )
  const row = rows[0]
  if (!row) throw new Error('Invitation insert returned nothing')
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.invited',
    subjectType: 'invitation',
    subjectId: row.id,
    details: { role: input.role },
  })
  return { token, invitation: invitationView(row) }
}

/** The helpline's invitations: every open one, and the others of the last 30 days. */
export async function listInvitations(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<InvitationView[]> {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<InvitationRow>(
    `select ${INVITATION_COLUMNS} from invitation
      where helpline_id = $1 and (used_at is null and revoked_at is null and expires_at > now()
                                  or created_at > now() - interval '30 days')
      order by created_at desc limit 100`,
    [helplineId],
  )
  return rows.map(invitationView)
}

/**
 * Uses an invitation: a newcomer gets an account with the password they chose, and so does someone
 * deactivated before (the link sets the password); someone with an active account proves it with
 * their password, throttled like a sign-in. The link is spent only when it worked; a wrong password
 * is answered after the transaction commits, so the failure stays counted.
 */
export async function acceptInvitation(
  db: Queryable,
  input: { token: string; displayName: string; password: string; address: string },
): Promise<{ ok: true; userId: string; email: string } | { ok: false }> {
  const { rows } = await db.query<{ helpline_id: string; email: string; role: Role }>(
    `select helpline_id, email, role from invitation
      where token_hash = $1 and used_at is null and revoked_at is null and expires_at > now() for update`,
    [tokenHash(input.token)],
  )
  const invitation = rows[0]
  if (!invitation) {
    throw new AscoltoError('ASCOLTO_ERR_INVITATION_INVALID', 'This invitation was used or has expired')
  }
  const existing = await db.query<{ id: string; password_hash: string; deactivated_at: Date | null }>(
    'select id, password_hash, deactivated_at from app_user where email = $1',
    [invitation.email],
  )
  let userId: string
  const user = existing.rows[0]
  if (user && !user.deactivated_at) {
    const keys = { account: invitation.email, address: input.address }
    await assertNotThrottled(db, keys)
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await recordSignInFailure(db, keys)
      return { ok: false }
    }
    await recordSignInSuccess(db, keys)
    userId = user.id
  } else if (user) {
    await db.query(
      'update app_user set deactivated_at = null, password_hash = $2, display_name = $3 where id = $1',
      [user.id, await hashPassword(input.password), input.displayName],
    )
    userId = user.id
  } else {
    userId = (
      await createUser(db, {
        email: invitation.email,
        displayName: input.displayName,
        password: input.password,
      })
    ).id
  }
  await db.query('update invitation set used_at = now() where token_hash = $1', [tokenHash(input.token)])
  await addMembership(db, { userId, helplineId: invitation.helpline_id, role: invitation.role })
  await recordAuditEvent(db, {
    helplineId: invitation.helpline_id,
    actorId: userId,
    action: 'staff.joined',
    subjectType: 'user',
    subjectId: userId,
    details: { role: invitation.role },
  })
  return { ok: true, userId, email: invitation.email }
}
