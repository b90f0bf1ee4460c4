// One of the statistics screen's tables as a file: the same suppressed figures, for the same
// period and filters, as rows for a spreadsheet, and the export recorded in the audit trail. A
// chart's table follows the charts' filters; a table of the period, the period; the figures per
// operator are read (and refused) exactly as on the screen: coordinators only, where turned on.
import type { ChartsQuery, PeriodTable, StatisticsQuery, StatisticsTable } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { chartSheet } from './chart-sheets.ts'
import { describeCharts } from './describe-charts.ts'
import { describeOperatorFigures } from './describe-operator-figures.ts'
import { describeStatistics } from './describe-statistics.ts'
import { operatorSheet, periodSheet } from './period-sheets.ts'
import { recordStatisticsExport, type StatisticsFormat } from './record-statistics-export.ts'

export type TableRequest =
  | { source: 'charts'; table: StatisticsTable; query: ChartsQuery }
  | { source: 'period'; table: PeriodTable; query: StatisticsQuery }
  | { source: 'operators'; query: StatisticsQuery }

type Context = { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> }

export async function exportStatisticsTable(
  context: Context,
  actor: Actor,
  helplineId: string,
  request: TableRequest,
  format: StatisticsFormat,
) {
  const table = request.source === 'operators' ? 'operators' : request.table
  const { from, to, sheet } = await sheetOf(context, actor, helplineId, request)
  await recordStatisticsExport(context.tx, actor, helplineId, { table, from, to, format })
  return { table, from, to, sheet }
}

async function sheetOf(context: Context, actor: Actor, helplineId: string, request: TableRequest) {
  switch (request.source) {
    case 'charts': {
      const charts = await describeCharts(context, actor, helplineId, request.query)
      return { from: charts.from, to: charts.to, sheet: chartSheet(charts, request.table) }
    }
    case 'period': {
      const stats = await describeStatistics(context, actor, helplineId, request.query)
      return { from: stats.from, to: stats.to, sheet: periodSheet(stats, request.table) }
    }
    case 'operators': {
      const figures = await describeOperatorFigures(context, actor, helplineId, request.query)
      return { from: figures.from, to: figures.to, sheet: operatorSheet(figures) }
    }
  }
}
