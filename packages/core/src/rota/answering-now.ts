// Who can answer the helpline now, as the phone and the expected wait both need it: where the
// helpline keeps a rota, the operators on shift at that instant; without one, every member (as
// before the rota). The callers add what they need on top: available, a phone, signed in.
import type { Queryable } from '@ascolto/db'
import { listOperatorsOnShift } from './list-operators-on-shift.ts'

/** null: the helpline keeps no rota; else who is on shift now and until when. */
export type OnShiftNow = Map<string, { until: Date }> | null

/** A rota is kept while some shift has not run out (a shift with no end date never does). */
export async function onShiftNow(
  db: Queryable,
  { helplineId, at }: { helplineId: string; at: Date },
): Promise<OnShiftNow> {
  const { rows } = await db.query<{ kept: boolean }>(
    `select exists (select 1 from shift s join helpline h on h.id = s.helpline_id
                     where s.helpline_id = $1
                       and (s.until is null or s.until >= ($2::timestamptz at time zone h.time_zone)::date - 1)) as kept`,
    [helplineId, at],
  )
  if (!rows[0]?.kept) return null
  const on = await listOperatorsOnShift(db, { helplineId, at })
  return new Map(on.map((o) => [o.userId, { until: o.endsAt }]))
}
