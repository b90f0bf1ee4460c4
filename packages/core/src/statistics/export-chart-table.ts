// One of the statistics screen's tables as a file: the same suppressed figures, for the same
// period and filters, as rows for a spreadsheet, and the export recorded in the audit trail.
import type { ChartsQuery, StatisticsTable } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { chartSheet } from './chart-sheets.ts'
import { describeCharts } from './describe-charts.ts'
import { recordStatisticsExport, type StatisticsFormat } from './record-statistics-export.ts'

export async function exportChartTable(
  context: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  table: StatisticsTable,
  query: ChartsQuery,
  format: StatisticsFormat,
) {
  const charts = await describeCharts(context, actor, helplineId, query)
  await recordStatisticsExport(context.tx, actor, helplineId, {
    table,
    from: charts.from,
    to: charts.to,
    format,
  })
  return { from: charts.from, to: charts.to, sheet: chartSheet(charts, table) }
}
