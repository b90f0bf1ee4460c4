// The reports from the form ("Segnala") received in the period, and per choice or yes/no question
// of the form how many gave each answer. Ids the settings no longer have are shown by id.
import type { Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from './cell.ts'
import { PeriodDownloads } from './download-links.tsx'
import { textIn } from './format-seconds.ts'

export function ReportTables({ stats }: { stats: Statistics }) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  const { reports } = stats
  const nameOf = ({ id, label }: { id: string; label: Statistics['categories'][number]['label'] }) =>
    label ? textIn(label, language, stats.language) : t('statistics.removed', { id })

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId}>{t('statistics.reports')}</h3>
      <p>{t('statistics.reportsReceived', { count: cellText(reports.total, stats) })}</p>
      {reports.total !== 0 &&
        reports.questions.map((question) => (
          <table key={question.id} className="room-table statistics-table">
            <caption>{nameOf(question)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statistics.answer')}</th>
                <th scope="col">{t('statistics.reportCount')}</th>
              </tr>
            </thead>
            <tbody>
              {question.answers.map((answer) => (
                <tr key={answer.id}>
                  <th scope="row">{nameOf(answer)}</th>
                  <td>{cellText(answer.count, stats)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <PeriodDownloads stats={stats} table="reports" title={t('statistics.reports')} />
    </section>
  )
}
