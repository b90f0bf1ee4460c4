// Which state may follow which (the protocol's table, which the console reads too), and which side
// sets it: pure.
import { REFERRAL_NEXT_STATES, type ReferralState } from '@ascolto/protocol'

export const canMove = (from: ReferralState, to: ReferralState) => REFERRAL_NEXT_STATES[from].includes(to)

export type ReferralTargetKind = 'helpline' | 'partner' | 'installation'

/**
 * Who moves a referral on: the receiving helpline when it is one of this installation (a referral
 * that came from another installation included); the sender by hand for a partner without
 * Ascolto, as the partner tells them; for another installation, only that installation's reports
 * (referrals-remote).
 */
export function whoSets(targetKind: ReferralTargetKind): 'receiver' | 'sender' | 'remote' {
  if (targetKind === 'helpline') return 'receiver'
  if (targetKind === 'partner') return 'sender'
  return 'remote'
}
