// Conversations by weekday and hour of the day, laid over the opening hours: hours the line is
// open are framed in green, closed hours are grey; a cell's colour is how many opened then, and a
// cell the small-cell rule withheld is written '<5' or '*', never coloured by its number.
import * as Plot from '@observablehq/plot'
import { useTranslation } from 'react-i18next'
import { cellText } from '../cell.ts'
import { ChartFigure } from './chart-figure.tsx'
import { type ChartContext, COLORS, counted } from './chart-kit.ts'
import { PlotChart } from './plot-chart.tsx'

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

export function HoursFigure({ context }: { context: ChartContext }) {
  const { t } = useTranslation()
  const { charts } = context
  const { hours } = charts
  const dayName = (d: number) => t(`statistics.charts.days.${DAYS[d] ?? 'mon'}`)
  const cells = hours.counts.flatMap((row, d) =>
    row.map((cell, hour) => ({
      day: dayName(d),
      hour,
      cell,
      count: counted(cell),
      open: hours.open[d]?.[hour] ?? false,
    })),
  )
  const busiest = [...cells].sort((a, b) => (b.count ?? -1) - (a.count ?? -1))[0]
  const outside = cells.filter((c) => !c.open && (c.count === null || c.count > 0)).length
  const summary = !busiest?.count
    ? t(
        cells.some((c) => c.count === null) ? 'statistics.charts.onlyWithheld' : 'statistics.charts.nothing',
        {
          minimum: charts.minimumCell,
        },
      )
    : [
        t('statistics.charts.hoursBusiest', { day: busiest.day, hour: busiest.hour, count: busiest.count }),
        t('statistics.charts.hoursOutside', { count: outside }),
      ].join(' ')

  const top = Math.max(1, ...cells.map((c) => c.count ?? 0))
  const draw = (width: number) => {
    // on a phone the days go by their first letters, so the hours keep the width
    const narrow = width < 560
    const short = (name: string) => (narrow ? name.slice(0, 3) : name)
    return Plot.plot({
      width,
      height: narrow ? 250 : 290,
      marginLeft: narrow ? 40 : 90,
      padding: 0.06,
      x: {
        label: t('statistics.charts.hourAxis'),
        tickFormat: (h: number) => (h % 3 === 0 ? String(h) : ''),
      },
      y: { label: null, domain: DAYS.map((_, d) => dayName(d)), tickFormat: short },
      color: {
        type: 'linear',
        domain: [0, top],
        scheme: 'blues',
        label: t('statistics.charts.conversations'),
        legend: true,
      },
      style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent' },
      marks: [
        Plot.cell(cells, { x: 'hour', y: 'day', fill: (c) => (c.open ? '#ffffff' : COLORS.closed) }),
        Plot.cell(
          cells.filter((c) => c.count),
          { x: 'hour', y: 'day', fill: 'count', inset: 1.5 },
        ),
        Plot.cell(
          cells.filter((c) => c.open),
          { x: 'hour', y: 'day', stroke: COLORS.open, strokeWidth: 1.5, fill: 'none' },
        ),
        Plot.text(
          cells.filter((c) => c.count === null),
          { x: 'hour', y: 'day', text: (c) => cellText(c.cell, charts), fill: COLORS.withheld, fontSize: 10 },
        ),
      ],
    })
  }

  return (
    <ChartFigure
      wide
      title={t('statistics.charts.hours')}
      summary={summary}
      download={{ helplineId: charts.helplineId, table: 'hours', query: context.query }}
      chart={
        <>
          <PlotChart draw={draw} deps={JSON.stringify(hours)} />
          <p className="hint chart-legend">
            <span className="chart-key chart-key-open" /> {t('statistics.charts.openKey')}{' '}
            <span className="chart-key chart-key-closed" /> {t('statistics.charts.closedKey')}
          </p>
        </>
      }
      table={
        <table className="room-table statistics-table chart-hours-table">
          <thead>
            <tr>
              <td />
              {HOURS.map((hour) => (
                <th scope="col" key={hour}>
                  {hour}
                </th>
              ))}
              <th scope="col">{t('statistics.cross.total')}</th>
            </tr>
          </thead>
          <tbody>
            {hours.counts.map((row, d) => (
              <tr key={DAYS[d]}>
                <th scope="row">{dayName(d)}</th>
                {HOURS.map((hour) => (
                  <td key={hour} className={hours.open[d]?.[hour] ? 'chart-open' : undefined}>
                    {cellText(row[hour] ?? 0, charts)}
                  </td>
                ))}
                <td>{cellText(hours.weekdayTotals[d] ?? 0, charts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
