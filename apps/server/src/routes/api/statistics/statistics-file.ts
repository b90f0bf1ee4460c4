// A table of the statistics as a file: CSV or XLSX, both written by exceljs (one well-kept library
// that also reads the files back, as the tests do). The cells are already suppressed text or numbers.

import { type Actor, exportStatisticsTable, type StatisticsFormat, type TableRequest } from '@ascolto/core'
import ExcelJS from 'exceljs'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'

/** The file's bytes as they are: Fastify sends a buffer unserialised. */
export const FileBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })
/** A helpline and the file's format, from `…/<table>.csv` or `….xlsx`. */
export const FileParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
})

const CONTENT_TYPES: Record<StatisticsFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

async function statisticsFile(
  sheet: (string | number)[][],
  title: string,
  format: StatisticsFormat,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Ascolto'
  const worksheet = workbook.addWorksheet(title.slice(0, 31))
  worksheet.addRows(sheet)
  worksheet.getRow(1).font = { bold: true }
  worksheet.getColumn(1).font = { bold: true }
  worksheet.columns.forEach((column) => {
    column.width = 18
  })
  const written = format === 'csv' ? await workbook.csv.writeBuffer() : await workbook.xlsx.writeBuffer()
  return Buffer.from(written as ArrayBuffer)
}

/** The table as a download named `statistiche-<name>.<format>`, never kept by a cache. */
export async function sendStatisticsFile(
  reply: FastifyReply,
  file: { name: string; title: string; sheet: (string | number)[][]; format: StatisticsFormat },
) {
  reply.header('cache-control', 'no-store')
  reply.header(
    'content-disposition',
    `attachment; filename="statistiche-${file.name.replace(/[^a-z0-9-]/gi, '-')}.${file.format}"`,
  )
  reply.type(CONTENT_TYPES[file.format])
  return statisticsFile(file.sheet, file.title, file.format)
}

/** One of the screen's tables, exported (and audited) by the use-case, as the download. */
export async function sendStatisticsTable(
  reply: FastifyReply,
  { pool, services }: Pick<AppContext, 'pool' | 'services'>,
  actor: Actor,
  helplineId: string,
  request: TableRequest,
  format: StatisticsFormat,
) {
  const { table, from, to, sheet } = await exportStatisticsTable(
    { tx: pool, services },
    actor,
    helplineId,
    request,
    format,
  )
  return sendStatisticsFile(reply, { name: `${table}-${from}-${to}`, title: table, sheet, format })
}
