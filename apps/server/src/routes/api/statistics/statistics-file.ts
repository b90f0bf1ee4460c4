// A table of the statistics as a file: CSV or XLSX, both written by exceljs (one well-kept library
// that also reads the files back, as the tests do). The cells are already suppressed text or numbers.

import type { StatisticsFormat } from '@ascolto/core'
import ExcelJS from 'exceljs'

export const CONTENT_TYPES: Record<StatisticsFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export async function statisticsFile(
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
