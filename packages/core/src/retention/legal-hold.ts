// A legal hold keeps a contact out of the retention purge (an investigation, a court's request)
// until a supervisor lifts it. Putting it on and lifting it are both audited.
import type { Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'

export async function setLegalHold(
  tx: Tx,
  input: { actorId: string; helplineId: string; contactId: string; on: boolean; reason: string },
): Promise<{ legalHoldAt: Date | null; changed: boolean }> {
  // the audit trail outlives retention: the reason should name a request, never a person
  const reason = input.reason.trim()
  if (reason.length === 0 || reason.length > 500) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A legal hold needs a reason of 1 to 500 characters')
  }
  const { rows: roles } = await tx.query<{ role: string }>(
    `select m.role from membership m join app_user u on u.id = m.user_id
      where m.user_id = $1 and m.helpline_id = $2 and u.deactivated_at is null`,
    [input.actorId, input.helplineId],
  )
  const role = roles[0]?.role
  if (role !== 'supervisor' && role !== 'coordinator') {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only a supervisor can put or lift a legal hold')
  }

  const { rows } = await tx.query<{ legal_hold_at: Date | null }>(
    'select legal_hold_at from contact where id = $1 and helpline_id = $2 for update',
    [input.contactId, input.helplineId],
  )
  const current = rows[0]
  // outside the helpline, the same answer as a contact that does not exist
  if (!current) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Contact not found')
  if ((current.legal_hold_at !== null) === input.on)
    return { legalHoldAt: current.legal_hold_at, changed: false }

  const { rows: updated } = await tx.query<{ legal_hold_at: Date | null }>(
    `update contact set legal_hold_at = case when $2 then now() end where id = $1 returning legal_hold_at`,
    [input.contactId, input.on],
  )
  await tx.query(
    `insert into audit_event (helpline_id, actor_id, action, subject_type, subject_id, details)
     values ($1, $2, $3, 'contact', $4, $5)`,
    [
      input.helplineId,
      input.actorId,
      input.on ? 'contact.legal_hold' : 'contact.legal_hold_lifted',
      input.contactId,
      { reason },
    ],
  )
  return { legalHoldAt: updated[0]?.legal_hold_at ?? null, changed: true }
}
