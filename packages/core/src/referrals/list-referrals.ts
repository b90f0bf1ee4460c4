// A helpline's referrals, received ("Segnalazioni in entrata") or sent, and where it can send them:
// the other helplines of this installation, and its enabled partners on other installations.

import type { Queryable } from '@ascolto/db'
import type { ReferralList, ReferralTargets } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import type { ReferralSide } from './find-referral.ts'
import { listReferralsOf } from './referral-views.ts'

export async function listReferrals(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; direction: ReferralSide },
): Promise<ReferralList> {
  requireRole(actor, input.helplineId, 'volunteer')
  return listReferralsOf(db, input.helplineId, input.direction)
}

export async function listReferralTargets(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<ReferralTargets> {
  requireRole(actor, helplineId, 'volunteer')
  const helplines = await db.query<{ id: string; name: string }>(
    'select id, name from helpline where id <> $1 order by name',
    [helplineId],
  )
  const installations = await db.query<{ id: string; name: string }>(
    'select id, name from partner where helpline_id = $1 and enabled order by name',
    [helplineId],
  )
  return { helplines: helplines.rows, installations: installations.rows }
}
