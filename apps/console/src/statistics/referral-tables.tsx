// The referrals of the period in the statistics: sent and received, per partner, where they stand
// and how long until taken in charge. Counts only, from the anonymous referral facts.
import type { Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from './cell.ts'
import { PeriodDownloads } from './download-links.tsx'
import { formatSeconds } from './format-seconds.ts'

export function ReferralTables({ stats }: { stats: Statistics }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  if (stats.referrals.length === 0) return null
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={id} tabIndex={0}>
      <h3 id={id}>{t('statistics.referrals.title')}</h3>
      <table className="room-table statistics-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t('statistics.referrals.partner')}</th>
            <th scope="col">{t('statistics.referrals.direction')}</th>
            <th scope="col">{t('statistics.referrals.total')}</th>
            <th scope="col">{t('statistics.referrals.states')}</th>
            <th scope="col">{t('statistics.referrals.inCharge')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.referrals.map((row) => (
            <tr key={`${row.direction}-${row.partner}`}>
              <th scope="row">{row.partner}</th>
              <td>{t(`statistics.referrals.${row.direction}`)}</td>
              <td>{cellText(row.total, stats)}</td>
              <td>
                {row.states
                  .map(
                    (s) =>
                      `${t(`referrals.states.${s.state}`, { defaultValue: s.state })}: ${cellText(s.count, stats)}`,
                  )
                  .join(', ')}
              </td>
              <td>{formatSeconds(row.inChargeMedianSeconds, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PeriodDownloads stats={stats} table="referralsByPartner" title={t('statistics.referrals.title')} />
    </section>
  )
}
