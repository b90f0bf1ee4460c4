// The anonymous facts of a referral, one row per side on this installation (out for the sender,
// in for the receiver): partner, urgency, state, the day it went, how long until taken in charge.
// Written at sending and at every change, so they outlive erasure, retention and the referral.
import type { Queryable } from '@ascolto/db'

export async function recordReferralFacts(db: Queryable, referralId: string) {
  await db.query(
    `insert into referral_fact (referral_id, helpline_id, direction, target_kind, partner_key, partner_name,
                                urgency, state, refusal_reason, sent_on, in_charge_seconds)
     select r.id, side.helpline_id, side.direction, r.target_kind, side.partner_key, side.partner_name,
            r.urgency, r.state, r.refusal_reason, r.created_at::date,
            (select extract(epoch from min(e.at) - r.created_at)::integer
               from referral_event e where e.referral_id = r.id and e.state = 'in_charge')
       from referral r
       cross join lateral (values
         (r.from_helpline_id, 'out',
          case r.target_kind
            when 'helpline' then 'helpline:' || r.to_helpline_id
            when 'installation' then 'installation:' || r.to_partner_id
            else coalesce('directory:' || r.directory_service_id, 'partner:' || r.partner_name) end,
          case r.target_kind
            when 'helpline' then (select name from helpline where id = r.to_helpline_id)
            when 'installation' then (select name from partner where id = r.to_partner_id)
            else r.partner_name end),
         (r.to_helpline_id, 'in',
          coalesce('helpline:' || r.from_helpline_id, 'installation:' || r.from_partner_id),
          coalesce((select name from helpline where id = r.from_helpline_id),
                   (select name from partner where id = r.from_partner_id)))
       ) as side (helpline_id, direction, partner_key, partner_name)
      where r.id = $1 and side.helpline_id is not null
     on conflict (referral_id, helpline_id) do update set
       state = excluded.state, refusal_reason = excluded.refusal_reason,
       in_charge_seconds = excluded.in_charge_seconds, recorded_at = now()`,
    [referralId],
  )
}
