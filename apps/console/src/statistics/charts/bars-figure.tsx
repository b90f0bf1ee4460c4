// Counts side by side (doors, languages, categories, answers, waits, due time): a bar for each
// count of the period, a tick where the period before stood when compared, and '<5' or '*' in
// place of a bar the small-cell rule withheld (a bar's length would give the number back).

import type { Cell, ChartBar } from '@ascolto/protocol'
import * as Plot from '@observablehq/plot'
import { useTranslation } from 'react-i18next'
import { cellText } from '../cell.ts'
import { ChartFigure } from './chart-figure.tsx'
import { type ChartContext, COLORS, counted } from './chart-kit.ts'
import { PlotChart } from './plot-chart.tsx'

type Props = {
  context: ChartContext
  title: string
  bars: ChartBar[]
  nameOf: (bar: ChartBar) => string
  table: Parameters<typeof ChartFigure>[0]['download']['table']
  /** Bars upright, in their order (a distribution); else across, for names. */
  upright?: boolean
}

export function BarsFigure({ context, title, bars, nameOf, table, upright }: Props) {
  const { t } = useTranslation()
  const { charts, compare } = context
  const rows = bars.map((bar) => ({
    name: nameOf(bar),
    now: counted(bar.now),
    before: counted(bar.before),
    bar,
  }))
  const withheld = rows.filter((row) => row.now === null)
  const top = [...rows].sort((a, b) => (b.now ?? -1) - (a.now ?? -1))[0]
  const summary = !top?.now
    ? t(withheld.length > 0 ? 'statistics.charts.onlyWithheld' : 'statistics.charts.nothing', {
        minimum: charts.minimumCell,
      })
    : [
        t('statistics.charts.most', { name: top.name, count: top.now }),
        withheld.length > 0
          ? t('statistics.charts.withheld', { count: withheld.length, minimum: charts.minimumCell })
          : '',
      ].join(' ')
  const text = (cell: Cell) => cellText(cell, charts)
  const names = rows.map((row) => row.name)

  const draw = (width: number) => {
    const shown = rows.filter((row) => row.now !== null)
    // from zero to at least one: with nothing counted the axis still reads as zero, not as noise
    const top = Math.max(1, ...rows.flatMap((row) => [row.now ?? 0, compare ? (row.before ?? 0) : 0]))
    // whole people: no tick between 0 and 1
    const counts = { label: null, domain: [0, top], nice: true, ticks: Math.min(5, top) }
    const marks = upright
      ? [
          Plot.barY(shown, { x: 'name', y: 'now', fill: COLORS.now, tip: false }),
          Plot.text(withheld, {
            x: 'name',
            y: 0,
            text: (row) => text(row.bar.now),
            dy: -8,
            fill: COLORS.withheld,
          }),
          compare
            ? Plot.tickY(
                rows.filter((row) => row.before !== null),
                { x: 'name', y: 'before', stroke: COLORS.before, strokeWidth: 3 },
              )
            : null,
          Plot.ruleY([0]),
        ]
      : [
          Plot.barX(shown, { y: 'name', x: 'now', fill: COLORS.now }),
          Plot.text(shown, {
            y: 'name',
            x: 'now',
            text: (row) => String(row.now),
            dx: 6,
            textAnchor: 'start',
            fill: COLORS.ink,
          }),
          Plot.text(withheld, {
            y: 'name',
            x: 0,
            text: (row) => text(row.bar.now),
            dx: 6,
            textAnchor: 'start',
            fill: COLORS.withheld,
          }),
          compare
            ? Plot.tickX(
                rows.filter((row) => row.before !== null),
                { y: 'name', x: 'before', stroke: COLORS.before, strokeWidth: 3 },
              )
            : null,
          Plot.ruleX([0]),
        ]
    return Plot.plot({
      width,
      height: upright ? 220 : Math.max(90, 34 * rows.length + 40),
      marginLeft: upright ? 40 : Math.min(180, 12 + 7 * Math.max(...names.map((n) => n.length), 4)),
      marginRight: 30,
      x: upright ? { domain: names, label: null } : { ...counts, grid: true },
      y: upright ? { ...counts, grid: true } : { domain: names, label: null },
      style: { fontSize: '13px', fontFamily: 'inherit', background: 'transparent' },
      marks,
    })
  }

  return (
    <ChartFigure
      title={title}
      summary={summary}
      download={{ helplineId: charts.helplineId, table, query: context.query }}
      chart={
        rows.length > 0 ? (
          <>
            <PlotChart draw={draw} deps={JSON.stringify([rows, compare])} />
            {compare && (
              <p className="hint chart-legend">
                <span className="chart-key chart-key-now" /> {t('statistics.charts.now')}{' '}
                <span className="chart-key chart-key-before" /> {t('statistics.charts.before')}
              </p>
            )}
          </>
        ) : null
      }
      table={
        <table className="room-table statistics-table">
          <thead>
            <tr>
              <td />
              <th scope="col">{t('statistics.charts.now')}</th>
              {compare && <th scope="col">{t('statistics.charts.before')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.bar.key}>
                <th scope="row">{row.name}</th>
                <td>{text(row.bar.now)}</td>
                {compare && <td>{text(row.bar.before)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
