// Which state may follow which, and which side sets it: pure, table-tested (referral-rules.test.ts).
import type { ReferralState } from '@ascolto/protocol'

const NEXT: Record<ReferralState, readonly ReferralState[]> = {
  sent: ['received', 'accepted', 'refused'],
  received: ['accepted', 'refused'],
  accepted: ['in_charge', 'closed'],
  in_charge: ['closed'],
  closed: [],
  refused: [],
}

export const canMove = (from: ReferralState, to: ReferralState) => NEXT[from].includes(to)

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
