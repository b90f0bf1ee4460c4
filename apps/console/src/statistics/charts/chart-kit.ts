// What every chart of the statistics screen shares: the loaded series, the filters they were
// asked with, whether the period before is shown, the colours, and a count as a chart may draw it.
import type { Cell, Charts, ChartsQuery } from '@ascolto/protocol'

export type ChartContext = { charts: Charts; query: ChartsQuery; compare: boolean }

/** A number to draw, or null where the small-cell rule withheld it (it is written, never drawn). */
export const counted = (cell: Cell) => (typeof cell === 'number' ? cell : null)

export const COLORS = {
  now: '#2a6f97',
  before: '#e07a1f',
  ink: '#1f2933',
  withheld: '#6b7280',
  open: '#1b7f4c',
  closed: '#f1f1f4',
}
