// Who a call in hours rings: the one place that decides it. Today, the helpline's operators who are
// available now (the console's switch: not away, not offline, not deactivated) and have a phone on
// their account, those on a call already left out; the rota will put the people on shift first.
// The door's own configured number and the voicemail come after them (ring-rounds.ts).
import type { PhoneToRing } from '@ascolto/channels'
import type { Services, Tx } from '../context.ts'
import { openOperatorPhone } from './operator-phone.ts'

export async function phonesToRing(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  helplineId: string,
  /** the moment the call rings: the rota reads its shifts at it */
  at: Date,
): Promise<PhoneToRing[]> {
  const { rows } = await tx.query<{ id: string; phone_sealed: Buffer }>(
    `select u.id, u.phone_sealed from app_user u join membership m on m.user_id = u.id
      where m.helpline_id = $1 and u.availability = 'available' and u.deactivated_at is null
        and u.phone_sealed is not null
        and not exists (select 1 from phone_call p
                         where p.answered_by = u.id and p.ended_at is null and p.talk_seconds is null
                           and p.answered_at > $2::timestamptz - interval '4 hours')
      order by u.created_at, u.id`,
    [helplineId, at],
  )
  return rows.map((row) => ({
    number: openOperatorPhone(services.keyring, row.id, row.phone_sealed),
    operatorId: row.id,
  }))
}
