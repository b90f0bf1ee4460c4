// Recovery codes are issued with an account's first second factor, and after that only when the
// person asks for new ones (the earlier ones stop working): never silently beside another factor.
// Each issue is audited; the codes are shown once and kept only as hashes (second-factor.ts).
import type { Queryable } from '@ascolto/db'
import { AscoltoError } from '../errors.ts'
import { issueRecoveryCodes, secondFactorState } from './second-factor.ts'
import { auditForEachHelpline } from './sessions.ts'

export async function issueAuditedRecoveryCodes(
  db: Queryable,
  userId: string,
  why: 'first_factor' | 'requested',
): Promise<string[]> {
  const codes = await issueRecoveryCodes(db, userId)
  await auditForEachHelpline(db, userId, 'staff.recovery_codes_issued', { why })
  return codes
}

/** New codes on the person's own request, in place of the old ones; only with a second factor. */
export async function renewRecoveryCodes(db: Queryable, userId: string): Promise<string[]> {
  if (!(await secondFactorState(db, userId)).enrolled) {
    throw new AscoltoError(
      'ASCOLTO_ERR_NO_SECOND_FACTOR',
      'Recovery codes come with a second factor: set one up first',
    )
  }
  return issueAuditedRecoveryCodes(db, userId, 'requested')
}
