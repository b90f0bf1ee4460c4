// A helpline's legal holds, for its supervisors: the soonest to end first, so what must be renewed
// (or let go) is at the top; an ended hold stays listed, no longer protecting, until lifted or renewed.
import type { Queryable } from '@ascolto/db'
import type { LegalHoldList } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'

/** How close an end must be to show as coming soon. */
export const HOLD_ENDS_SOON_DAYS = 30

export async function listLegalHolds(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<LegalHoldList> {
  requireRole(actor, helplineId, 'supervisor')
  const { rows } = await db.query<{
    conversation_id: string | null
    pseudonym: number
    legal_hold_at: Date
    legal_hold_until: Date
    ended: boolean
    ends_soon: boolean
  }>(
    `select (select c.id from conversation c where c.contact_id = ct.id order by c.opened_at desc limit 1) as conversation_id,
            ct.pseudonym, ct.legal_hold_at, ct.legal_hold_until,
            ct.legal_hold_until <= now() as ended,
            ct.legal_hold_until <= now() + make_interval(days => $2) as ends_soon
       from contact ct
      where ct.helpline_id = $1 and ct.legal_hold_at is not null
      order by ct.legal_hold_until, ct.pseudonym`,
    [helplineId, HOLD_ENDS_SOON_DAYS],
  )
  return {
    holds: rows.flatMap((row) =>
      row.conversation_id
        ? [
            {
              conversationId: row.conversation_id,
              contactPseudonym: row.pseudonym,
              since: row.legal_hold_at.toISOString(),
              until: row.legal_hold_until.toISOString(),
              state: row.ended
                ? ('ended' as const)
                : row.ends_soon
                  ? ('ends_soon' as const)
                  : ('in_force' as const),
            },
          ]
        : [],
    ),
  }
}
