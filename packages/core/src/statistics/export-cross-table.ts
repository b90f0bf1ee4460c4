// A cross-table as a file leaves the service: the same suppressed counts as on the screen, laid out
// as rows of text for a spreadsheet (headings in the helpline's language, '<5' and '*' as shown),
// and the export recorded in the audit trail: who, which table, which days, which format.
import type { CrossTable, CrossTableQuery } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { crossTabulate } from './cross-tabulate.ts'
import { recordStatisticsExport, type StatisticsFormat } from './record-statistics-export.ts'
import { sheetCell } from './sheet-cell.ts'

export type { StatisticsFormat }

export async function exportCrossTable(
  context: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: CrossTableQuery,
  format: StatisticsFormat,
) {
  const table = await crossTabulate(context, actor, helplineId, query)
  await recordStatisticsExport(context.tx, actor, helplineId, {
    table: `${query.rows}×${query.columns}`,
    from: table.from,
    to: table.to,
    format,
  })
  return { table, sheet: crossTableSheet(table, query) }
}

const TOTAL: Record<string, string> = { it: 'Totale', en: 'Total' }

/** The table as rows of text: the headings, then one row per row key with its total, then the totals. */
export function crossTableSheet(table: CrossTable, query: Pick<CrossTableQuery, 'rows' | 'columns'>) {
  const language = table.language
  const name = (heading: CrossTable['rows'][number]) =>
    heading.label?.[language] ?? Object.values(heading.label ?? {})[0] ?? heading.name ?? heading.key
  const text = (cell: CrossTable['counts']['total']) => sheetCell(cell, table.minimumCell)
  const total = TOTAL[language] ?? 'Total'
  const { counts } = table
  return [
    [`${query.rows} \\ ${query.columns}`, ...table.columns.map(name), total],
    ...table.rows.map((row, r) => [
      name(row),
      ...(counts.cells[r] ?? []).map(text),
      text(counts.rowTotals[r] ?? 0),
    ]),
    [total, ...counts.columnTotals.map(text), text(counts.total)],
  ]
}
