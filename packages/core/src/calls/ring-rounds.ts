// The rounds of phones a call in hours rings, in order: the operators phonesToRing names (all at
// once, or one per round: the helpline's `calls.ring`), then the door's own number; after the last
// round, the voicemail. A call's next round is the count of its rounds that ended unanswered.
import type { PhoneToRing } from '@ascolto/channels'
import type { CallSettings } from '@ascolto/protocol'
import type { Services, Tx } from '../context.ts'
import { phonesToRing } from './phones-to-ring.ts'

/** Twilio dials at most ten numbers at once. */
const MAX_AT_ONCE = 10

export async function ringRounds(
  tx: Pick<Tx, 'query'>,
  services: Pick<Services, 'keyring'>,
  helplineId: string,
  at: Date,
  { order, fallbackPhone }: { order: CallSettings['ring']; fallbackPhone: string | null },
): Promise<PhoneToRing[][]> {
  const operators = (await phonesToRing(tx, services, helplineId, at)).filter(
    (phone) => phone.number !== fallbackPhone,
  )
  const rounds =
    order === 'in_turn'
      ? operators.map((phone) => [phone])
      : operators.length > 0
        ? [operators.slice(0, MAX_AT_ONCE)]
        : []
  if (fallbackPhone) rounds.push([{ number: fallbackPhone, operatorId: null }])
  return rounds
}
