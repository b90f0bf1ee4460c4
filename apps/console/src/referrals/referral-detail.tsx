// One referral beside the lists: who sent it where, the packet (reading it is audited), its
// history, and what the reader's side may do next. Read again when the socket says it changed.
import type { ReferralView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseHref } from '../cases/case-route.ts'
import { conversationHref } from '../desk/use-hash-route.ts'
import { ReferralActions } from './referral-actions.tsx'
import { ReferralFacts } from './referral-facts.tsx'
import { ReferralPacketView } from './referral-packet-view.tsx'
import { referralSheetHref } from './referral-route.ts'
import { getReferral } from './referrals-api.ts'

type Props = {
  referralId: string
  /** Grows when a referral changed: read it again. */
  version: number
  /** Read or moved on here (a first read is its arrival): the lists beside it read again. */
  onChanged: () => void
  onError: (error: unknown) => void
}

export function counterpart(view: Pick<ReferralView, 'direction' | 'from' | 'to' | 'partnerName'>) {
  return (view.direction === 'in' ? view.from?.name : (view.to?.name ?? view.partnerName)) ?? '—'
}

export function ReferralDetail({ referralId, version, onChanged, onError }: Props) {
  const { t } = useTranslation()
  const [view, setShown] = useState<ReferralView | null>(null)
  const setView = (answer: ReferralView) => {
    setShown(answer)
    onChanged()
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    // an answer overtaken by a later read (or another referral) is dropped
    let current = true
    getReferral(referralId).then((answer) => current && setView(answer), onError)
    return () => {
      current = false
    }
  }, [referralId, version, onError])

  if (!view || view.id !== referralId) return <p className="muted">{t('referrals.loading')}</p>
  return (
    <article className="referral-detail" aria-label={t('referrals.detail')}>
      <h3>
        {t(`referrals.direction.${view.direction}`, { name: counterpart(view) })}{' '}
        <span className={`referral-state referral-state-${view.state}`}>
          {t(`referrals.states.${view.state}`)}
        </span>
      </h3>
      {view.partnerReach && <p>{view.partnerReach}</p>}
      <ReferralPacketView packet={view.packet} urgency={view.urgency} />
      <ReferralFacts view={view} />
      <p className="referral-links">
        {view.caseId && <a href={caseHref(view.caseId)}>{t('referrals.openCase')}</a>}
        {view.conversationId && (
          <a href={conversationHref(view.conversationId)}>{t('referrals.openConversation')}</a>
        )}
        {view.toCaseId && <a href={caseHref(view.toCaseId)}>{t('referrals.openNewCase')}</a>}
        {view.targetKind === 'partner' && <a href={referralSheetHref(view.id)}>{t('referrals.sheetLink')}</a>}
      </p>
      <ReferralActions view={view} onChanged={setView} onError={onError} />
    </article>
  )
}
