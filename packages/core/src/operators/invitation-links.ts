// An open invitation, managed by a coordinator of its helpline: a new link (the server keeps only
// the hash of the last one, so "copy the link" gives a fresh one and the one before stops working;
// the expiry starts again), or revoked, so its link no longer works. Another helpline's
// invitation is not found.
import { randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { InvitationView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import {
  INVITATION_COLUMNS,
  INVITATION_DAYS,
  type InvitationRow,
  invitationView,
  tokenHash,
} from './invitations.ts'
import { requireRole } from './require-role.ts'

async function openInvitation(db: Queryable, actor: Actor, helplineId: string, invitationId: string) {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<InvitationRow>(
    `select ${INVITATION_COLUMNS} from invitation where id = $1 and helpline_id = $2 for update`,
    [invitationId, helplineId],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Invitation not found')
  if (row.state !== 'open') {
    throw new AscoltoError('ASCOLTO_ERR_INVITATION_CLOSED', `This invitation is ${row.state}`)
  }
  return row
}

export async function renewInvitationLink(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; invitationId: string },
): Promise<{ token: string; invitation: InvitationView }> {
  await openInvitation(db, actor, input.helplineId, input.invitationId)
  const token = randomBytes(32).toString('base64url')
  const { rows } = await db.query<InvitationRow>(
    `update invitation set token_hash = $2, expires_at = now() + make_interval(days => $3)
      where id = $1 returning ${INVITATION_COLUMNS}`,
    [input.invitationId, tokenHash(token), INVITATION_DAYS],
  )
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.invitation_renewed',
    subjectType: 'invitation',
    subjectId: input.invitationId,
  })
  return { token, invitation: invitationView(rows[0] as InvitationRow) }
}

export async function revokeInvitation(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; invitationId: string },
): Promise<InvitationView> {
  await openInvitation(db, actor, input.helplineId, input.invitationId)
  const { rows } = await db.query<InvitationRow>(
    `update invitation set revoked_at = now() where id = $1 returning ${INVITATION_COLUMNS}`,
    [input.invitationId],
  )
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.invitation_revoked',
    subjectType: 'invitation',
    subjectId: input.invitationId,
  })
  return invitationView(rows[0] as InvitationRow)
}
