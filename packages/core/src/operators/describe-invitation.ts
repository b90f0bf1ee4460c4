// What an invitation link opens on: the helpline it is for, the address it was sent to and the
// role, so the newcomer knows where they are joining before choosing a password. Only for a link
// still open (not used, revoked or expired); its token is 256 random bits, so holding it is the proof.
import type { Queryable } from '@ascolto/db'
import type { InvitationPreview, Role } from '@ascolto/protocol'
import { AscoltoError } from '../errors.ts'
import { tokenHash } from './invitations.ts'

export async function describeInvitation(db: Queryable, token: string): Promise<InvitationPreview> {
  const { rows } = await db.query<{ name: string; email: string; role: Role }>(
    `select h.name, i.email, i.role from invitation i join helpline h on h.id = i.helpline_id
      where i.token_hash = $1 and i.used_at is null and i.revoked_at is null and i.expires_at > now()`,
    [tokenHash(token)],
  )
  const invitation = rows[0]
  if (!invitation)
    throw new AscoltoError('ASCOLTO_ERR_INVITATION_INVALID', 'This invitation was used or has expired')
  return { helplineName: invitation.name, email: invitation.email, role: invitation.role }
}
