// The period report to download: the month, the quarter or the year that holds the first day shown,
// as a PDF the server makes (same small-cell rule, audited), in the console's language.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

type Kind = 'month' | 'quarter' | 'year'

export function periodReportHref(helplineId: string, day: string, kind: Kind, language: string) {
  const [year = '', month = '1'] = day.split('-')
  const query = new URLSearchParams({ year })
  if (kind === 'month') query.set('month', String(Number(month)))
  if (kind === 'quarter') query.set('quarter', String(Math.ceil(Number(month) / 3)))
  query.set('language', language === 'en' ? 'en' : 'it')
  return `/api/helplines/${helplineId}/statistics/report.pdf?${query}`
}

export function PeriodReportLink({ helplineId, from }: { helplineId: string; from: string }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [kind, setKind] = useState<Kind>('month')
  return (
    <p className="row statistics-report">
      <label htmlFor={id}>{t('periodReport.label')}</label>
      <select id={id} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
        {(['month', 'quarter', 'year'] as const).map((option) => (
          <option key={option} value={option}>
            {t(`periodReport.${option}`)}
          </option>
        ))}
      </select>
      <a className="button-secondary" href={periodReportHref(helplineId, from, kind, i18n.language)} download>
        {t('periodReport.download')}
      </a>
    </p>
  )
}
