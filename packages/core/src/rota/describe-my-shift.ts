// The operator's own shift at this moment, in any of their helplines: the desk offers
// "Disponibile" when it starts and reminds them to hand over as it ends.
import type { MyShift } from '@ascolto/protocol'
import type { Actor, Tx } from '../context.ts'
import { listOperatorsOnShift } from './list-operators-on-shift.ts'

/** How long before a shift's end the hand-over reminder shows. */
const ENDING_MINUTES = 15

export async function describeMyShift(tx: Tx, actor: Actor, now: Date): Promise<MyShift> {
  for (const helplineId of actor.roles.keys()) {
    const mine = (await listOperatorsOnShift(tx, { helplineId, at: now })).find(
      (o) => o.userId === actor.userId,
    )
    if (mine) {
      const { rows } = await tx.query<{ time_zone: string }>('select time_zone from helpline where id = $1', [
        helplineId,
      ])
      return {
        shift: {
          helplineId,
          timeZone: rows[0]?.time_zone ?? 'Europe/Rome',
          endsAt: mine.endsAt.toISOString(),
          endingSoon: mine.endsAt.getTime() - now.getTime() <= ENDING_MINUTES * 60_000,
        },
      }
    }
  }
  return { shift: null }
}
