// The statistics screen's charts, the figures per operator, and where each table downloads.
import type { Charts, ChartsQuery, OperatorFigures, PeriodTable, StatisticsTable } from '@ascolto/protocol'
import { request } from './http.ts'

const base = (helplineId: string) => `/api/helplines/${encodeURIComponent(helplineId)}/statistics`
const search = (query: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(query).filter(([, value]) => value) as [string, string][])

export const getCharts = (helplineId: string, query: ChartsQuery) =>
  request<Charts>('GET', `${base(helplineId)}/charts?${search(query)}`)

export const getOperatorFigures = (helplineId: string, period: { from?: string; to?: string }) =>
  request<OperatorFigures>('GET', `${base(helplineId)}/operators?${search(period)}`)

/** Where the browser downloads one table as a file (the server audits each download). */
export const chartTableHref = (
  helplineId: string,
  table: StatisticsTable,
  query: ChartsQuery,
  format: 'csv' | 'xlsx',
) => `${base(helplineId)}/table.${format}?${search({ table, ...query })}`

/** Where a table of the period (the calls, the survey…) downloads: it follows the period only. */
export const periodTableHref = (
  helplineId: string,
  table: PeriodTable,
  period: { from: string; to: string },
  format: 'csv' | 'xlsx',
) => `${base(helplineId)}.${format}?${search({ table, ...period })}`

/** Where a coordinator downloads the figures per operator. */
export const operatorTableHref = (
  helplineId: string,
  period: { from: string; to: string },
  format: 'csv' | 'xlsx',
) => `${base(helplineId)}/operators.${format}?${search(period)}`
