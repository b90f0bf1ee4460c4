// A legal hold keeps a contact out of the retention purge (an investigation, a court's request)
// until its end (a date, a year by default, at most five), when it stops protecting unless a
// supervisor renews it; or until a supervisor lifts it. Putting it on, renewing and lifting it
// are all audited.
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

const DEFAULT_DAYS = 365
const MAX_DAYS = 5 * 365
const DAY_MS = 24 * 3600_000

/** A hold in force: put on and not past its end. */
export const HOLD_IN_FORCE = (at: string, until: string, now = 'now()') =>
  `(${at} is not null and ${until} > ${now})`

export async function setLegalHold(
  tx: Tx,
  input: {
    actorId: string
    helplineId: string
    contactId: string
    on: boolean
    reason: string
    /** Seals the reason in the audit log. */
    keyring: Keyring
    /** Its end, for a hold put on or renewed; default: a year from now. */
    until?: Date
  },
): Promise<{ legalHoldAt: Date | null; legalHoldUntil: Date | null; changed: boolean }> {
  // the audit trail outlives retention: the reason should name a request, never a person
  const reason = input.reason.trim()
  if (reason.length === 0 || reason.length > 500) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A legal hold needs a reason of 1 to 500 characters')
  }
  const { rows: roles } = await tx.query<{ role: string; now: Date }>(
    `select m.role, now() as now from membership m join app_user u on u.id = m.user_id
      where m.user_id = $1 and m.helpline_id = $2 and u.deactivated_at is null`,
    [input.actorId, input.helplineId],
  )
  const role = roles[0]?.role
  if (role !== 'supervisor' && role !== 'coordinator') {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Only a supervisor can put or lift a legal hold')
  }
  const now = roles[0]?.now ?? new Date()
  const until = input.until ?? new Date(now.getTime() + DEFAULT_DAYS * DAY_MS)
  if (input.on && (until <= now || until.getTime() - now.getTime() > MAX_DAYS * DAY_MS)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A legal hold ends in the future, within five years')
  }

  const { rows } = await tx.query<{
    legal_hold_at: Date | null
    legal_hold_until: Date | null
    held: boolean
  }>(
    `select legal_hold_at, legal_hold_until, ${HOLD_IN_FORCE('legal_hold_at', 'legal_hold_until')} as held
       from contact where id = $1 and helpline_id = $2 for update`,
    [input.contactId, input.helplineId],
  )
  const current = rows[0]
  // outside the helpline, the same answer as a contact that does not exist
  if (!current) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Contact not found')
  const unchanged = {
    legalHoldAt: current.legal_hold_at,
    legalHoldUntil: current.legal_hold_until,
    changed: false,
  }
  // lifting what is not on, or putting on again what is, without a new end: nothing to do
  if (!input.on && current.legal_hold_at === null) return unchanged
  if (input.on && current.held && input.until === undefined) return unchanged

  const action = !input.on
    ? 'contact.legal_hold_lifted'
    : current.held
      ? 'contact.legal_hold_renewed'
      : 'contact.legal_hold'
  const { rows: updated } = await tx.query<{ legal_hold_at: Date | null; legal_hold_until: Date | null }>(
    `update contact
        set legal_hold_at = case when not $2 then null when $4 then legal_hold_at else now() end,
            legal_hold_until = case when $2 then $3::timestamptz end
      where id = $1 returning legal_hold_at, legal_hold_until`,
    [input.contactId, input.on, until, current.held],
  )
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: input.actorId,
    action,
    subjectType: 'contact',
    subjectId: input.contactId,
    details: input.on ? { until: until.toISOString() } : {},
    reason: { text: reason, keyring: input.keyring },
  })
  return {
    legalHoldAt: updated[0]?.legal_hold_at ?? null,
    legalHoldUntil: updated[0]?.legal_hold_until ?? null,
    changed: true,
  }
}
