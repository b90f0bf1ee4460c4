// Where the on-call alert goes: to the supervisor on shift now when the rota has one and the
// alert's door can reach them (an e-mail mailbox reaches their account's e-mail; the phone doors
// cannot, as staff phone numbers are not kept), else to the fixed address in the settings.
import type { Queryable } from '@ascolto/db'
import { listOperatorsOnShift } from '../rota/list-operators-on-shift.ts'

export type OnCallRecipient = { address: string; supervisorId: string | null }

export async function onCallRecipient(
  db: Queryable,
  input: { helplineId: string; channelKind: string; fallback: string; at: Date },
): Promise<OnCallRecipient> {
  if (input.channelKind === 'email') {
    const on = await listOperatorsOnShift(db, { helplineId: input.helplineId, at: input.at })
    // a confirmed supervisor before one who has not said they will be there
    const supervisor = on
      .filter((o) => o.role === 'supervisor')
      .sort((a, b) => Number(b.confirmed) - Number(a.confirmed))[0]
    if (supervisor) {
      const { rows } = await db.query<{ email: string }>('select email from app_user where id = $1', [
        supervisor.userId,
      ])
      if (rows[0]) return { address: rows[0].email, supervisorId: supervisor.userId }
    }
  }
  return { address: input.fallback, supervisorId: null }
}
