// Who a call in hours rings: the one place that decides it. The helpline's operators who are
// available now (the console's switch: not away, not offline, not deactivated) and have a phone on
// their account, those on a call already left out; where the helpline keeps a rota, only those of
// them on shift now (rota/answering-now.ts), supervisors first as the rota lists them.
// The door's own configured number and the voicemail come after them (ring-rounds.ts).
import type { PhoneToRing } from '@ascolto/channels'
import type { Services, Tx } from '../context.ts'
import { onShiftNow } from '../rota/answering-now.ts'
import { openOperatorPhone } from './operator-phone.ts'

export async function phonesToRing(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  helplineId: string,
  /** the moment the call rings: the rota reads its shifts at it */
  at: Date,
): Promise<PhoneToRing[]> {
  const onShift = await onShiftNow(tx, { helplineId, at })
  const { rows } = await tx.query<{ id: string; phone_sealed: Buffer }>(
    `select u.id, u.phone_sealed from app_user u join membership m on m.user_id = u.id
      where m.helpline_id = $1 and u.availability = 'available' and u.deactivated_at is null
        and u.phone_sealed is not null
        and ($3::uuid[] is null or u.id = any($3::uuid[]))
        and not exists (select 1 from phone_call p
                         where p.answered_by = u.id and p.ended_at is null and p.talk_seconds is null
                           and p.answered_at > $2::timestamptz - interval '4 hours')
      order by array_position($3::uuid[], u.id), u.created_at, u.id`,
    [helplineId, at, onShift ? [...onShift.keys()] : null],
  )
  return rows.map((row) => ({
    number: openOperatorPhone(services.keyring, row.id, row.phone_sealed),
    operatorId: row.id,
  }))
}
