// Counts over time: conversations by week or month (the period before dashed on the same points
// when compared), cases opened and closed, referrals received and sent. A point the small-cell rule
// withheld breaks the line and is written '<5' or '*' on the axis.

import type { Cell, StatisticsTable } from '@ascolto/protocol'
import * as Plot from '@observablehq/plot'
import { useTranslation } from 'react-i18next'
import { cellText } from '../cell.ts'
import { ChartFigure } from './chart-figure.tsx'
import { type ChartContext, COLORS, counted } from './chart-kit.ts'
import { PlotChart } from './plot-chart.tsx'

/** A line: its name, colour, dash, and a count per point (the points' own days). */
export type Series = { name: string; color: string; dashed?: boolean; counts: Cell[] }

type Props = {
  context: ChartContext
  title: string
  summary: string
  table: StatisticsTable
  starts: string[]
  series: Series[]
}

export function SeriesFigure({ context, title, summary, table, starts, series }: Props) {
  const { t, i18n } = useTranslation()
  const { charts } = context
  const day = (start: string) =>
    new Date(`${start}T12:00:00Z`).toLocaleDateString(i18n.resolvedLanguage, {
      day: 'numeric',
      month: 'short',
    })
  const points = series.flatMap((line) =>
    starts.map((start, i) => ({
      line: line.name,
      date: new Date(`${start}T12:00:00Z`),
      cell: line.counts[i] ?? 0,
      count: counted(line.counts[i] ?? 0),
    })),
  )

  const top = Math.max(1, ...points.map((p) => p.count ?? 0))
  const draw = (width: number) =>
    Plot.plot({
      width,
      height: 230,
      marginLeft: 40,
      x: {
        type: 'utc',
        label: null,
        tickFormat: (date: Date) =>
          date.toLocaleDateString(i18n.resolvedLanguage, { day: 'numeric', month: 'short' }),
      },
      y: {
        label: null,
        grid: true,
        nice: true,
        domain: [0, top],
        ticks: Math.min(5, top),
      },
      color: { domain: series.map((s) => s.name), range: series.map((s) => s.color), legend: true },
      style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent' },
      marks: [
        ...series.map((line) =>
          Plot.lineY(
            points.filter((p) => p.line === line.name),
            {
              x: 'date',
              y: 'count',
              stroke: line.color,
              strokeWidth: 2.5,
              strokeDasharray: line.dashed ? '5,4' : undefined,
            },
          ),
        ),
        Plot.dot(
          points.filter((p) => p.count !== null),
          { x: 'date', y: 'count', fill: 'line', r: 3.5 },
        ),
        Plot.text(
          points.filter((p) => p.count === null),
          { x: 'date', y: 0, text: (p) => cellText(p.cell, charts), dy: -10, fill: COLORS.withheld },
        ),
        Plot.ruleY([0]),
      ],
    })

  return (
    <ChartFigure
      title={title}
      summary={summary}
      download={{ helplineId: charts.helplineId, table, query: context.query }}
      chart={starts.length > 0 ? <PlotChart draw={draw} deps={JSON.stringify([starts, series])} /> : null}
      table={
        <table className="room-table statistics-table">
          <thead>
            <tr>
              <th scope="col">{t('statistics.charts.from')}</th>
              {series.map((line) => (
                <th scope="col" key={line.name}>
                  {line.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {starts.map((start, i) => (
              <tr key={start}>
                <th scope="row">{day(start)}</th>
                {series.map((line) => (
                  <td key={line.name}>{cellText(line.counts[i] ?? 0, charts)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
