// A coordinator keeps the helpline's partners list: a partner installation's name, address and
// public key, exchanged with its coordinators, and whether it is enabled. Every change is audited
// (ids only). A partner is disabled, never deleted: the referrals exchanged with it keep pointing
// at it.
import type { Partner, PartnerBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadPartners } from './list-partners.ts'
import { partnerUrl } from './partner-url.ts'

/** Adds one (no id) or replaces one. */
export async function savePartner(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; id?: string; body: PartnerBody },
): Promise<Partner> {
  requireRole(actor, input.helplineId, 'coordinator')
  if (!input.body.name.trim()) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A partner has a name')
  const values = [
    input.helplineId,
    input.body.name.trim(),
    partnerUrl(input.body.baseUrl),
    input.body.publicKey,
    input.body.enabled,
    actor.userId,
  ]
  const { rows } = input.id
    ? await tx.query<{ id: string }>(
        `update partner set (name, base_url, public_key, enabled, updated_by, updated_at)
           = ($2, $3, $4, $5, $6, now())
          where id = $7 and helpline_id = $1
            and not exists (select 1 from partner o where o.helpline_id = $1 and o.public_key = $4 and o.id <> $7)
          returning id`,
        [...values, input.id],
      )
    : await tx.query<{ id: string }>(
        `insert into partner (helpline_id, name, base_url, public_key, enabled, updated_by)
         values ($1, $2, $3, $4, $5, $6) on conflict (helpline_id, public_key) do nothing returning id`,
        values,
      )
  const id = rows[0]?.id
  if (!id) {
    if (input.id && (await loadPartners(tx, input.helplineId, input.id)).length === 0) {
      throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Partner not found')
    }
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'Another partner has this public key')
  }
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: input.id ? 'partner.update' : 'partner.create',
    subjectType: 'partner',
    subjectId: id,
    details: { enabled: input.body.enabled },
  })
  const [saved] = await loadPartners(tx, input.helplineId, id)
  if (!saved) throw new Error('Partner vanished while saving it')
  return saved
}
