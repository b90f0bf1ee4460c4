// The referrals' two screens by the address (referral-route.ts): a helpline's referrals, or one
// referral's printable sheet; null elsewhere, for the desk's router to look further.
import type { SessionView } from '@ascolto/protocol'
import type { ReferralRoute } from './referral-route.ts'
import { ReferralSheet } from './referral-sheet.tsx'
import { ReferralsScreen } from './referrals-screen.tsx'

export function referralScreen(
  route: ReferralRoute | null,
  context: { session: SessionView; version: number; onError: (error: unknown) => void },
) {
  if (!route) return null
  if (route.screen === 'sheet') {
    return {
      name: 'referral-sheet',
      element: <ReferralSheet referralId={route.referralId} onError={context.onError} />,
    }
  }
  return {
    name: 'referrals',
    element: (
      <ReferralsScreen
        helplines={context.session.memberships}
        helplineId={route.helplineId}
        referralId={route.referralId}
        version={context.version}
        onError={context.onError}
      />
    ),
  }
}
