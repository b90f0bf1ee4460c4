// The referral sheet for a partner without Ascolto: what was sent, to whom, with the person's
// consent and its history, on one printed page (referrals.css hides the console around it).
import type { ReferralView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDueTime } from '../cases/format-due.ts'
import { ReferralFacts } from './referral-facts.tsx'
import { ReferralPacketView } from './referral-packet-view.tsx'
import { referralsHref } from './referral-route.ts'
import { getReferral } from './referrals-api.ts'
import './referrals.css'

export function ReferralSheet({
  referralId,
  onError,
}: {
  referralId: string
  onError: (error: unknown) => void
}) {
  const { t, i18n } = useTranslation()
  const [view, setView] = useState<ReferralView | null>(null)
  useEffect(() => {
    getReferral(referralId).then(setView, onError)
  }, [referralId, onError])
  if (!view) return <p className="muted">{t('referrals.loading')}</p>
  return (
    <main className="referral-sheet" aria-label={t('referrals.sheetTitle')}>
      <div className="referral-sheet-tools">
        {view.from && <a href={referralsHref(view.from.helplineId, view.id)}>← {t('referrals.title')}</a>}
        <button type="button" className="button-primary" onClick={() => window.print()}>
          {t('referrals.print')}
        </button>
      </div>
      <h1>{t('referrals.sheetTitle')}</h1>
      <p>
        {t('referrals.sheetFrom', {
          from: view.from?.name ?? '—',
          time: formatDueTime(view.createdAt, i18n.language),
        })}
      </p>
      <h2>{view.partnerName}</h2>
      {view.partnerReach && <p>{view.partnerReach}</p>}
      <ReferralPacketView packet={view.packet} urgency={view.urgency} />
      <ReferralFacts view={view} />
      <p className="referral-sheet-note">{t('referrals.sheetNote')}</p>
    </main>
  )
}
