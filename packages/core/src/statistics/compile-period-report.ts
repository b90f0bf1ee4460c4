// The period report a coordinator sends to a funder or a municipality: a month, a quarter or a year
// of the service's statistics (the same as the screen's, through the same small-cell rule), with the
// conversations closed in each part of the period (weeks of a month, months of a quarter or a year)
// and how many first replies came by the due time, both suppressed too. Making it is recorded in the
// audit trail as an export: who, which days, which language.
import type { Cell, Statistics } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { describeStatistics } from './describe-statistics.ts'
import { suppressSmallCells } from './suppress-small-cells.ts'

export type PeriodReportQuery = { year: number; quarter?: number; month?: number; language?: 'it' | 'en' }
export type PeriodKind = 'month' | 'quarter' | 'year'

export type PeriodReport = {
  helplineName: string
  kind: PeriodKind
  year: number
  /** The quarter's or month's number (1-based); null for a year. */
  part: number | null
  language: 'it' | 'en'
  statistics: Statistics
  /** Conversations closed in each part of the period, by the part's first day. */
  trend: { from: string; count: Cell }[]
  /** First replies by the due time, after it, and all conversations that had one. */
  dueTime: { kept: Cell; missed: Cell; total: Cell }
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** The days of a month, a quarter or a year; both a quarter and a month are refused. */
export function periodOf({ year, quarter, month }: PeriodReportQuery) {
  if (quarter !== undefined && month !== undefined) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'quarter, month: ask for one of them')
  }
  const [kind, first, last]: [PeriodKind, number, number] =
    month !== undefined
      ? ['month', month, month]
      : quarter !== undefined
        ? ['quarter', quarter * 3 - 2, quarter * 3]
        : ['year', 1, 12]
  return {
    kind,
    part: month ?? quarter ?? null,
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}`,
  }
}

export async function compilePeriodReport(
  context: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: PeriodReportQuery,
): Promise<PeriodReport> {
  const { kind, part, from, to } = periodOf(query)
  const statistics = await describeStatistics(context, actor, helplineId, { from, to })
  const { tx } = context
  const floor = statistics.minimumCell
  // a month in weeks from its first day, a quarter or a year in months
  const { rows: parts } = await tx.query<{ from: string; count: number }>(
    `select to_char(p.day, 'YYYY-MM-DD') as from, coalesce(sum(f.conversations), 0)::int as count
       from generate_series($2::date, $3::date, $4::interval) p(day)
       left join conversation_fact_day f
         on f.helpline_id = $1 and f.closed_on >= p.day and f.closed_on < p.day + $4::interval and f.closed_on <= $3::date
      group by p.day order by p.day`,
    [helplineId, from, to, kind === 'month' ? '7 days' : '1 month'],
  )
  const { rows: due } = await tx.query<{ kept: number; missed: number; name: string }>(
    `select coalesce(sum(f.conversations) filter (where f.due_kept), 0)::int as kept,
            coalesce(sum(f.conversations) filter (where not f.due_kept), 0)::int as missed,
            (select name from helpline where id = $1) as name
       from conversation_fact_day f where f.helpline_id = $1 and f.closed_on between $2::date and $3::date`,
    [helplineId, from, to],
  )
  const { kept = 0, missed = 0, name = '' } = due[0] ?? {}
  const trend = suppressSmallCells(
    { cells: [parts.map((p) => p.count)], rowTotals: [parts.reduce((sum, p) => sum + p.count, 0)] },
    floor,
  ).cells[0] as Cell[]
  const dueTime = suppressSmallCells({ cells: [[kept, missed]], rowTotals: [kept + missed] }, floor)
  const language = query.language ?? 'it'
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'statistics.exported',
    subjectType: 'helpline',
    subjectId: helplineId,
    details: { table: 'period-report', from, to, format: 'pdf', language },
  })
  return {
    helplineName: name,
    kind,
    year: query.year,
    part,
    language,
    statistics,
    trend: parts.map((p, i) => ({ from: p.from, count: trend[i] ?? 0 })),
    dueTime: {
      kept: dueTime.cells[0]?.[0] ?? 0,
      missed: dueTime.cells[0]?.[1] ?? 0,
      total: dueTime.rowTotals?.[0] ?? 0,
    },
  }
}
