// Where a referral stands and how it got there: its state, the person's consent (when, who gave
// it, who recorded it), each change of state with its time and who, each hand-over.
import type { ReferralView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { formatDueTime } from '../cases/format-due.ts'

export function ReferralFacts({ view }: { view: ReferralView }) {
  const { t, i18n } = useTranslation()
  const time = (at: string) => formatDueTime(at, i18n.language)
  return (
    <>
      <p>
        {t('referrals.consentLine', {
          time: time(view.consent.givenAt),
          by: t(`referrals.givenBy_${view.consent.givenBy}`),
          recorder: view.consent.recordedBy?.displayName ?? '—',
        })}
      </p>
      <ol className="referral-events">
        {view.events.map((event) => (
          <li key={`${event.state}-${event.at}`}>
            <strong>{t(`referrals.states.${event.state}`)}</strong> · {time(event.at)}
            {event.by && ` · ${event.by.displayName}`}
            {event.helplineName && ` (${event.helplineName})`}
          </li>
        ))}
        {view.handovers.map((handover) => (
          <li key={`handover-${handover.at}`}>
            {t(`referrals.handover.${handover.method}`, { recipient: handover.recipient })} ·{' '}
            {time(handover.at)}
            {handover.by && ` · ${handover.by.displayName}`}
          </li>
        ))}
      </ol>
      {view.refusalReason && (
        <p>
          {t('referrals.refusedBecause', { reason: t(`referrals.refusals.${view.refusalReason}`) })}
          {view.refusalNote && ` — ${view.refusalNote}`}
        </p>
      )}
    </>
  )
}
