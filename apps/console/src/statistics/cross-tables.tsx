// A cross-table of the period's closed conversations: the reader picks what goes in the rows and
// the columns (door, category, a closing-form question, language, who got in touch, risk level);
// each cell and total as the server suppressed it, the days before beside the totals, and the
// table as CSV or XLSX (each download audited by the server).
import type { CrossTable, CrossTableQuery, Statistics } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { crossTableFileHref, getCrossTable } from '../api/desk.ts'
import { languageName } from '../desk/labels.ts'
import { cellText } from './cell.ts'
import { textIn } from './format-seconds.ts'

type Props = {
  helplineId: string
  stats: Statistics
  /** A door's words by its kind, where it has no name of its own (a door since removed). */
  doorLabel: (kind: string) => string
  onError: (error: unknown) => void
}
const FIXED = ['door', 'category', 'language', 'caller', 'risk', 'mediator'] as const

export function CrossTables({ helplineId, stats, doorLabel, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { heading: useId(), rows: useId(), columns: useId() }
  const language = i18n.resolvedLanguage ?? 'it'
  const [dimensions, setDimensions] = useState({ rows: 'door', columns: 'category' })
  const [table, setTable] = useState<CrossTable | null>(null)
  const query: CrossTableQuery = { ...dimensions, from: stats.from, to: stats.to }
  const key = JSON.stringify(query)

  useEffect(() => {
    let current = true
    getCrossTable(helplineId, JSON.parse(key)).then((loaded) => current && setTable(loaded), onError)
    return () => {
      current = false
    }
  }, [helplineId, key, onError])

  const choices = [
    ...FIXED.map((id) => ({ id: id as string, name: t(`statistics.cross.dimensions.${id}`) })),
    ...stats.closingForm.map((question) => ({
      id: `answer:${question.id}`,
      name: question.label ? textIn(question.label, language, stats.language) : question.id,
    })),
  ]
  const nameOf = (dimension: string, heading: CrossTable['rows'][number]) => {
    if (heading.key === 'none') return t('statistics.cross.none')
    if (heading.label) return textIn(heading.label, language, stats.language)
    if (heading.name) return heading.name
    if (dimension === 'caller' || dimension === 'risk' || dimension === 'mediator')
      return t(`statistics.cross.${dimension}.${heading.key}`, { defaultValue: heading.key })
    if (dimension === 'door') return doorLabel(heading.key)
    if (dimension === 'language') return languageName(heading.key, language)
    return heading.key
  }
  const select = (side: 'rows' | 'columns', id: string) => (
    <div className="field">
      <label htmlFor={id}>{t(`statistics.cross.${side}`)}</label>
      <select
        id={id}
        value={dimensions[side]}
        onChange={(event) => setDimensions({ ...dimensions, [side]: event.target.value })}
      >
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </div>
  )

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={ids.heading} tabIndex={0}>
      <h3 id={ids.heading}>{t('statistics.cross.title')}</h3>
      <div className="row statistics-period">
        {select('rows', ids.rows)}
        {select('columns', ids.columns)}
        <a className="button-secondary" href={crossTableFileHref(helplineId, query, 'xlsx')} download>
          {t('statistics.cross.xlsx')}
        </a>
        <a className="button-secondary" href={crossTableFileHref(helplineId, query, 'csv')} download>
          {t('statistics.cross.csv')}
        </a>
      </div>
      {table && (
        <table className="room-table statistics-table" aria-labelledby={ids.heading}>
          <thead>
            <tr>
              <td />
              {table.columns.map((column) => (
                <th scope="col" key={column.key}>
                  {nameOf(dimensions.columns, column)}
                </th>
              ))}
              <th scope="col">{t('statistics.cross.total')}</th>
              <th scope="col">{t('statistics.cross.before')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={row.key}>
                <th scope="row">{nameOf(dimensions.rows, row)}</th>
                {table.columns.map((column, c) => (
                  <td key={column.key}>{cellText(table.counts.cells[r]?.[c] ?? 0, table)}</td>
                ))}
                <td>{cellText(table.counts.rowTotals[r] ?? 0, table)}</td>
                <td>{cellText(table.previous.counts.rowTotals[r] ?? 0, table)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('statistics.cross.total')}</th>
              {table.counts.columnTotals.map((cell, c) => (
                <td key={table.columns[c]?.key}>{cellText(cell, table)}</td>
              ))}
              <td>{cellText(table.counts.total, table)}</td>
              <td>{cellText(table.previous.counts.total, table)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {table && (
        <p className="hint">
          {t('statistics.cross.hint', { from: table.previous.from, to: table.previous.to })}
        </p>
      )}
    </section>
  )
}
