// Who of a helpline is on a call now, for every member's console: the operator and since when,
// never the caller. A call whose end never got reported stops counting after a few hours.
import type { LiveCalls } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'

export async function listLiveCalls(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'clock'>,
  actor: Actor,
  helplineId: string,
): Promise<LiveCalls> {
  requireRole(actor, helplineId, 'volunteer')
  const { rows } = await tx.query<{ id: string; display_name: string; answered_at: Date }>(
    `select u.id, u.display_name, p.answered_at from phone_call p join app_user u on u.id = p.answered_by
      where p.helpline_id = $1 and p.ended_at is null and p.talk_seconds is null
        and p.answered_at > $2::timestamptz - interval '4 hours'
      order by p.answered_at`,
    [helplineId, services.clock()],
  )
  return {
    calls: rows.map((row) => ({
      operator: { id: row.id, displayName: row.display_name },
      since: row.answered_at.toISOString(),
    })),
  }
}
