// A cross-table of the closed conversations of a period: any two of door, category, closing-form
// answer, language, who got in touch, risk level, with a mediator or not, counted from the daily
// rollup of conversation_fact (0050) only, with the filters a coordinator picks, beside the same days
// just before; every count through the small-cell rule. Totals count conversations, so a
// conversation with two categories is in two cells but once in its row's or column's total: where
// the categories are a dimension, a rollup row is counted in every category's cell but only once
// (on its first category) in a line or table that does not split by category.
import type {
  CrossDimension,
  CrossTable,
  CrossTableQuery,
  HelplineSettings,
  LocalizedText,
} from '@ascolto/protocol'
import { MINIMUM_CELL } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { previousPeriod, resolvePeriod } from './resolve-period.ts'
import { suppressSmallCells } from './suppress-small-cells.ts'

/** The SQL of a dimension's key, over `f` (the fact) and `cat` (one of its categories); `none` where it has none. */
function keyOf(dimension: CrossDimension, param: (value: string) => string) {
  if (dimension.startsWith('answer:')) {
    return `coalesce(f.outcome ->> ${param(dimension.slice('answer:'.length))}, 'none')`
  }
  return {
    door: `coalesce(f.channel_id::text, f.channel_kind)`,
    category: `coalesce(cat.id, 'none')`,
    language: `coalesce(f.language, 'none')`,
    caller: `coalesce(f.caller, 'none')`,
    risk: `coalesce(f.triage_level, 'none')`,
    mediator: `case when f.with_mediator then 'yes' else 'no' end`,
  }[dimension] as string
}

type Counted = { row: string | null; col: string | null; count: number }

/** A rollup row's distinct categories (none: one row of nulls), the first of them marked. */
const JOIN_CATEGORIES = `left join lateral (
  select c.id, c.id = min(c.id) over () as first from (select distinct unnest(f.categories) as id) c
) as cat on true`

async function count(
  tx: Pick<Tx, 'query'>,
  helplineId: string,
  query: CrossTableQuery,
  period: { from: string; to: string },
) {
  const values: unknown[] = [helplineId, period.from, period.to]
  const param = (value: unknown) => `$${values.push(value)}`
  const where = ['f.helpline_id = $1', 'f.closed_on between $2::date and $3::date']
  if (query.door) where.push(`f.channel_id = ${param(query.door)}::uuid`)
  if (query.language) where.push(`f.language = ${param(query.language)}`)
  if (query.category) where.push(`${param(query.category)} = any(f.categories)`)
  if (query.flag) where.push(`${param(query.flag)} = any(f.flags)`)
  const row = keyOf(query.rows, param)
  const col = keyOf(query.columns, param)
  const category = keyOf('category', param)
  const byCategory = query.rows === 'category' || query.columns === 'category'
  const counted = byCategory
    ? `case when grouping(${category}) = 0 then sum(f.conversations)
            else sum(f.conversations) filter (where cat.first is not false) end`
    : 'sum(f.conversations)'
  const { rows } = await tx.query<Counted>(
    `select ${row} as row, ${col} as col, coalesce(${counted}, 0)::int as count,
            grouping(${row}) as row_total, grouping(${col}) as col_total
       from conversation_fact_day f
       ${byCategory ? JOIN_CATEGORIES : ''}
      where ${where.join(' and ')}
      group by grouping sets ((${row}, ${col}), (${row}), (${col}), ())`,
    values,
  )
  return rows as (Counted & { row_total: number; col_total: number })[]
}

export async function crossTabulate(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: CrossTableQuery,
): Promise<CrossTable> {
  requireRole(actor, helplineId, 'supervisor')
  const settings = await loadHelplineSettings(tx, helplineId)
  const period = resolvePeriod(services, settings, query)
  const before = previousPeriod(period)
  const [now, then] = [await count(tx, helplineId, query, period), await count(tx, helplineId, query, before)]
  const keys = (side: 'row' | 'col') => [
    ...new Set([...now, ...then].filter((c) => c[`${side}_total`] === 0).map((c) => c[side] as string)),
  ]
  const rowKeys = order(keys('row'), query.rows, settings)
  const columnKeys = order(keys('col'), query.columns, settings)
  const floor = settings.statistics?.minimumCell ?? MINIMUM_CELL
  const table = (counted: typeof now) => {
    const at = (row: string | null, col: string | null) =>
      counted.find(
        (c) =>
          (row === null ? c.row_total === 1 : c.row_total === 0 && c.row === row) &&
          (col === null ? c.col_total === 1 : c.col_total === 0 && c.col === col),
      )?.count ?? 0
    const suppressed = suppressSmallCells(
      {
        cells: rowKeys.map((r) => columnKeys.map((c) => at(r, c))),
        rowTotals: rowKeys.map((r) => at(r, null)),
        columnTotals: columnKeys.map((c) => at(null, c)),
        total: at(null, null),
      },
      floor,
    )
    return {
      cells: suppressed.cells,
      rowTotals: suppressed.rowTotals ?? [],
      columnTotals: suppressed.columnTotals ?? [],
      total: suppressed.total ?? 0,
    }
  }
  const channels = await tx.query<{ id: string; name: string }>(
    'select id::text, name from channel where helpline_id = $1',
    [helplineId],
  )
  const heading = (dimension: CrossDimension) => (key: string) => ({
    key,
    label: labelOf(dimension, key, settings),
    name: dimension === 'door' ? (channels.rows.find((c) => c.id === key)?.name ?? null) : null,
  })
  return {
    helplineId,
    ...period,
    minimumCell: floor,
    language: settings.languages[0] ?? 'it',
    rows: rowKeys.map(heading(query.rows)),
    columns: columnKeys.map(heading(query.columns)),
    counts: table(now),
    previous: { ...before, counts: table(then) },
  }
}

/** The items the settings list for a dimension (categories, a question's answers), in their order. */
function itemsOf(
  dimension: CrossDimension,
  settings: HelplineSettings,
): { id: string; label: LocalizedText }[] {
  if (dimension === 'category') return settings.desk?.categories ?? []
  if (dimension.startsWith('answer:')) {
    const id = dimension.slice('answer:'.length)
    return settings.desk?.closingForm?.find((q) => q.id === id)?.options ?? []
  }
  return []
}

const labelOf = (dimension: CrossDimension, key: string, settings: HelplineSettings) =>
  itemsOf(dimension, settings).find((item) => item.id === key)?.label ?? null

/** The settings' order first, then the rest by key, 'none' last. */
function order(keys: string[], dimension: CrossDimension, settings: HelplineSettings) {
  const known = itemsOf(dimension, settings).map((item) => item.id)
  const rank = (key: string) => (key === 'none' ? 2 : known.includes(key) ? 0 : 1)
  return keys.sort((a, b) => rank(a) - rank(b) || known.indexOf(a) - known.indexOf(b) || a.localeCompare(b))
}
