// A table as CSV or XLSX: two links named for the table they download (the server suppresses the
// same cells as on the screen and audits each download).
import type { PeriodTable, Statistics } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { periodTableHref } from '../api/statistics-charts.ts'

type Format = 'csv' | 'xlsx'

export function DownloadLinks({ title, href }: { title: string; href: (format: Format) => string }) {
  const { t } = useTranslation()
  return (
    <p className="chart-downloads">
      <a href={href('csv')} download aria-label={t('statistics.charts.csvOf', { title })}>
        CSV
      </a>
      <a href={href('xlsx')} download aria-label={t('statistics.charts.xlsxOf', { title })}>
        XLSX
      </a>
    </p>
  )
}

/** The links of a table of the period, for the days the screen shows. */
export function PeriodDownloads({
  stats,
  table,
  title,
}: {
  stats: Pick<Statistics, 'helplineId' | 'from' | 'to'>
  table: PeriodTable
  title: string
}) {
  const period = { from: stats.from, to: stats.to }
  return (
    <DownloadLinks
      title={title}
      href={(format) => periodTableHref(stats.helplineId, table, period, format)}
    />
  )
}
