// A chart as a figure: its title and a sentence that says what it shows (the text alternative),
// the picture, its table (every number as the server let it through: '<5' and '*' never become
// figures) and the table as CSV or XLSX.
import type { ChartsQuery, StatisticsTable } from '@ascolto/protocol'
import { type ReactNode, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { chartTableHref } from '../../api/statistics-charts.ts'
import { DownloadLinks } from '../download-links.tsx'

type Props = {
  title: string
  summary: string
  chart: ReactNode
  table: ReactNode
  download: { helplineId: string; table: StatisticsTable; query: ChartsQuery }
  wide?: boolean
}

export function ChartFigure({ title, summary, chart, table, download, wide }: Props) {
  const { t } = useTranslation()
  const ids = { title: useId(), summary: useId() }
  return (
    <figure
      className={wide ? 'chart chart-wide' : 'chart'}
      aria-labelledby={ids.title}
      aria-describedby={ids.summary}
    >
      <figcaption>
        <h4 id={ids.title}>{title}</h4>
        <p id={ids.summary} className="chart-summary">
          {summary}
        </p>
      </figcaption>
      {chart}
      <details className="chart-table">
        <summary>{t('statistics.charts.table')}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it */}
        <div className="chart-table-scroll" tabIndex={0}>
          {table}
        </div>
      </details>
      <DownloadLinks
        title={title}
        href={(format) => chartTableHref(download.helplineId, download.table, download.query, format)}
      />
    </figure>
  )
}
