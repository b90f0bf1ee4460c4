// The referrals behind the statistics, from referral_fact only (no person, no text): per direction
// and partner, how many went in the period, where they stand, and the median time from sending to
// taken in charge.
import type { ReferralCounts } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'

export async function countReferrals(
  db: Pick<Tx, 'query'>,
  { helplineId, from, to }: Period,
): Promise<ReferralCounts[]> {
  const { rows } = await db.query<Omit<ReferralCounts, 'states'> & { partner_key: string }>(
    `select f.direction, f.partner_key, max(f.partner_name) as partner, count(*)::int as total,
            round(percentile_cont(0.5) within group (order by f.in_charge_seconds))::int as "inChargeMedianSeconds"
       from referral_fact f
      where f.helpline_id = $1 and f.sent_on between $2::date and $3::date
      group by f.direction, f.partner_key order by f.direction desc, total desc, partner`,
    [helplineId, from, to],
  )
  const states = await db.query<{ direction: string; partner_key: string; state: string; count: number }>(
    `select f.direction, f.partner_key, f.state, count(*)::int as count
       from referral_fact f
      where f.helpline_id = $1 and f.sent_on between $2::date and $3::date
      group by f.direction, f.partner_key, f.state order by count desc, f.state`,
    [helplineId, from, to],
  )
  return rows.map(({ partner_key, ...row }) => ({
    ...row,
    states: states.rows
      .filter((s) => s.direction === row.direction && s.partner_key === partner_key)
      .map(({ state, count }) => ({ state, count })),
  }))
}
