// The cases of the period in the statistics: per kind (a path of help, an emergency take-in), how
// many opened and closed; of those closed, how long they lasted, how many people and conversations
// each had, and how they ended. Counts only, from the anonymous case facts.
import type { Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from './cell.ts'
import { PeriodDownloads } from './download-links.tsx'
import { formatSeconds } from './format-seconds.ts'

export function CaseTables({ stats }: { stats: Statistics }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  if (stats.cases.length === 0) return null
  const perCase = (n: number | null) =>
    n === null ? '–' : new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n)
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={id} tabIndex={0}>
      <h3 id={id}>{t('statistics.cases.title')}</h3>
      <p className="muted">{t('statistics.cases.hint')}</p>
      <table className="room-table statistics-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t('statistics.cases.kind')}</th>
            <th scope="col">{t('statistics.cases.opened')}</th>
            <th scope="col">{t('statistics.cases.closed')}</th>
            <th scope="col">{t('statistics.durationMedian')}</th>
            <th scope="col">{t('statistics.durationAverage')}</th>
            <th scope="col">{t('statistics.cases.contacts')}</th>
            <th scope="col">{t('statistics.cases.conversations')}</th>
            <th scope="col">{t('statistics.cases.outcomes')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.cases.map((kind) => (
            <tr key={kind.kind}>
              <th scope="row">{t(`statistics.cases.kinds.${kind.kind}`, { defaultValue: kind.kind })}</th>
              <td>{cellText(kind.opened, stats)}</td>
              <td>{cellText(kind.closed, stats)}</td>
              <td>{formatSeconds(kind.duration.median, language)}</td>
              <td>{formatSeconds(kind.duration.average, language)}</td>
              <td>{perCase(kind.contacts.average)}</td>
              <td>{perCase(kind.conversations.average)}</td>
              <td>
                {kind.outcomes.length === 0
                  ? '–'
                  : kind.outcomes
                      .map(
                        (o) =>
                          `${t(`cases.outcome.${o.outcome}`, { defaultValue: o.outcome })}: ${cellText(o.count, stats)}`,
                      )
                      .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PeriodDownloads stats={stats} table="casesByKind" title={t('statistics.cases.title')} />
    </section>
  )
}
