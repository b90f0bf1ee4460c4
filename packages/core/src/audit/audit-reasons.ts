// The reason staff type with an action (a legal hold, a reveal and its request, a link, an export,
// an erasure) is sealed in the audit log under the helpline's key, bound to its row: the audit
// screen and the data-protection notice open it, a dump of the database shows none of it. Not
// under the person's key: the log, with its reasons, is kept for the audit years, past the person.
import { type Pool, withTransaction } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'

/** A reason as typed, and the keyring that seals it. */
export type TypedReason = { text: string; keyring: Keyring }

const reasonContext = (auditId: string) => `audit-reason:${auditId}`
/** What the installation itself logs (no helpline) is sealed under a scope of its own. */
const scopeOf = (helplineId: string | null) => helplineId ?? 'installation-audit'

export function sealAuditReason(
  keyring: Keyring,
  row: { id: string; helpline_id: string | null },
  text: string,
) {
  return keyring.scope(scopeOf(row.helpline_id)).seal(text, reasonContext(row.id))
}

/** The reason of an audit row, opened; undefined for a row without one. */
export function openAuditReason(
  keyring: Keyring,
  row: { id: string; helpline_id: string | null; reason_sealed: Buffer | null },
): string | undefined {
  if (!row.reason_sealed) return undefined
  return keyring.scope(scopeOf(row.helpline_id)).open(row.reason_sealed, reasonContext(row.id))
}

/**
 * Reasons the log kept in clear before migration 0049: sealed at start-up, a batch at a time, in
 * transactions that tell the append-only trigger so (it lets this one change through and no other).
 */
export async function sealEarlierAuditReasons(pool: Pool, keyring: Keyring): Promise<number> {
  let sealed = 0
  for (;;) {
    const done = await withTransaction(pool, async (tx) => {
      await tx.query(`set local ascolto.audit_seal = 'on'`)
      const { rows } = await tx.query<{ id: string; helpline_id: string | null; reason: unknown }>(
        `select id, helpline_id, details->'reason' as reason from audit_event
          where reason_sealed is null and jsonb_typeof(details->'reason') = 'string'
            and action in (${SEALED_ACTIONS.map((a) => `'${a}'`).join(', ')})
          limit 500 for update`,
      )
      for (const row of rows) {
        await tx.query(
          `update audit_event set details = details - 'reason', reason_sealed = $2 where id = $1`,
          [row.id, sealAuditReason(keyring, row, String(row.reason))],
        )
      }
      return rows.length
    })
    sealed += done
    if (done < 500) return sealed
  }
}

/** The actions whose `reason` is typed by staff; others name a category or the system's own words. */
export const SEALED_ACTIONS = [
  'contact.legal_hold',
  'contact.legal_hold_renewed',
  'contact.legal_hold_lifted',
  'case.legal_hold',
  'case.legal_hold_lifted',
  'contact.address_revealed',
  'contact.reveal_requested',
  'contact.linked',
  'contact.unlinked',
  'contact.exported',
  'contact.erased',
] as const
