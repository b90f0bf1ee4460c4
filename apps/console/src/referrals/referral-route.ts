// The referrals live in the address like the desk's other screens: #/referrals/<helplineId> the
// helpline's referrals in and out, #/referrals/<helplineId>/<id> one of them open beside them,
// #/referral-sheet/<id> the printable sheet for a partner without Ascolto.
import { useHash } from '../desk/use-hash-route.ts'

const REFERRALS = /^#\/referrals\/([0-9a-f-]{36})(?:\/([0-9a-f-]{36}))?$/i
const SHEET = /^#\/referral-sheet\/([0-9a-f-]{36})$/i

export const referralsHref = (helplineId: string, referralId?: string) =>
  `#/referrals/${helplineId}${referralId ? `/${referralId}` : ''}`
export const referralSheetHref = (referralId: string) => `#/referral-sheet/${referralId}`

export type ReferralRoute =
  | { screen: 'referrals'; helplineId: string; referralId: string | null }
  | { screen: 'sheet'; referralId: string }

/** null off the referrals. */
export function useReferralRoute(): ReferralRoute | null {
  const hash = useHash()
  const list = REFERRALS.exec(hash)
  if (list?.[1]) return { screen: 'referrals', helplineId: list[1], referralId: list[2] ?? null }
  const sheet = SHEET.exec(hash)
  return sheet?.[1] ? { screen: 'sheet', referralId: sheet[1] } : null
}
