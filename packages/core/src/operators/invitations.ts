// Invitations: a coordinator invites an e-mail address to the helpline with a role; the link
// carries a random token (the database keeps its SHA-256), sets the newcomer's password, works
// once and expires.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { InvitationView, Role } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { addMembership, createUser } from './create-user.ts'
import { verifyPassword } from './passwords.ts'
import { requireRole } from './require-role.ts'

export const INVITATION_DAYS = 7

const tokenHash = (token: string) => createHash('sha256').update(token).digest()

export async function inviteMember(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; email: string; role: Role },
): Promise<{ token: string; invitation: InvitationView }> {
  requireRole(actor, input.helplineId, 'coordinator')
  const token = randomBytes(32).toString('base64url')
  const { rows } = await db.query<{ created_at: Date; expires_at: Date }>(
    `insert into invitation (token_hash, helpline_id, email, role, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning created_at, expires_at`,
    [
      tokenHash(token),
      input.helplineId,
      input.email.trim().toLowerCase(),
      input.role,
      actor.userId,
      INVITATION_DAYS,
    ],
  )
  const row = rows[0]
  if (!row) throw new Error('Invitation insert returned nothing')
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.invited',
    subjectType: 'invitation',
    details: { role: input.role },
  })
  return {
    token,
    invitation: {
      email: input.email.trim().toLowerCase(),
      role: input.role,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      usedAt: null,
    },
  }
}

export async function listInvitations(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<InvitationView[]> {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<{
    email: string
    role: Role
    created_at: Date
    expires_at: Date
    used_at: Date | null
  }>(
    `select email, role, created_at, expires_at, used_at from invitation
      where helpline_id = $1 and (used_at is null and expires_at > now() or created_at > now() - interval '30 days')
      order by created_at desc limit 100`,
    [helplineId],
  )
  return rows.map((r) => ({
    email: r.email,
    role: r.role,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    usedAt: r.used_at?.toISOString() ?? null,
  }))
}

/**
 * Uses an invitation: a newcomer gets an account with the password they chose; someone who already
 * has one proves it with their password. Either way the link is spent, in the same transaction.
 */
export async function acceptInvitation(
  db: Queryable,
  input: { token: string; displayName: string; password: string },
): Promise<{ userId: string; email: string }> {
  const { rows } = await db.query<{ helpline_id: string; email: string; role: Role }>(
    `update invitation set used_at = now()
      where token_hash = $1 and used_at is null and expires_at > now()
      returning helpline_id, email, role`,
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
  if (user) {
    if (user.deactivated_at || !(await verifyPassword(user.password_hash, input.password))) {
      throw new AscoltoError('ASCOLTO_ERR_BAD_CREDENTIALS', 'This e-mail has an account: enter its password')
    }
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
  await addMembership(db, { userId, helplineId: invitation.helpline_id, role: invitation.role })
  await recordAuditEvent(db, {
    helplineId: invitation.helpline_id,
    actorId: userId,
    action: 'staff.joined',
    subjectType: 'user',
    subjectId: userId,
    details: { role: invitation.role },
  })
  return { userId, email: invitation.email }
}
