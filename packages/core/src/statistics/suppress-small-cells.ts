// Small-cell suppression, the one rule every table of counts goes through before a person reads it
// (the screen, the exports, the period report), so that no figure singles out a person.
//
// Primary: a count from 1 to floor−1 is 'small' (shown as '<5'); 0 singles out nobody and stays.
// Complementary: a line (a row or a column) whose total a reader sees must not have exactly one
// withheld cell, or the total minus the others gives it back; the smallest other count of the line
// (a non-zero one first, so that the least is lost) is then 'hidden' too, and lines are checked again
// until none gives a cell away. Totals count as cells of their lines: a small total is withheld
// like any other. This is the usual two-per-line heuristic of statistical offices, not an exact
// audit of every combination of lines (which needs linear programming); with the tables here (one
// or two dimensions, one margin each way) it closes the ways back that a reader can take by hand.
import type { Cell } from '@ascolto/protocol'

/** A table of counts, rows of cells (ragged when no column totals), and the totals a reader sees. */
export type CountTable = {
  cells: readonly (readonly number[])[]
  rowTotals?: readonly number[]
  columnTotals?: readonly number[]
  total?: number
}
export type SuppressedTable = {
  cells: Cell[][]
  rowTotals?: Cell[]
  columnTotals?: Cell[]
  total?: Cell
}

/** A cell's place: [row, column]; the totals are row R (column totals) and column C (row totals). */
type Place = readonly [number, number]

export function suppressSmallCells(table: CountTable, floor: number): SuppressedTable {
  const rows = table.cells.length
  const columns = Math.max(table.columnTotals?.length ?? 0, ...table.cells.map((row) => row.length))
  // the table with its totals: row `rows` holds the column totals, column `columns` the row totals
  const grid: (Cell | undefined)[][] = [
    ...table.cells.map((row, r) => [...row, ...Array(columns - row.length), table.rowTotals?.[r]]),
    [...(table.columnTotals ?? Array(columns)), table.total],
  ]
  for (const row of grid) {
    row.forEach((value, c) => {
      if (typeof value === 'number' && value > 0 && value < floor) row[c] = 'small'
    })
  }
  // every line whose total is shown: its cells, the total last
  const shown = (places: Place[]) => places.filter(([r, c]) => grid[r]?.[c] !== undefined)
  const additive = [
    ...[...Array(rows + 1).keys()]
      .filter((r) => grid[r]?.[columns] !== undefined)
      .map((r) => shown([...Array(columns + 1).keys()].map((c) => [r, c] as const))),
    ...[...Array(columns + 1).keys()]
      .filter((c) => grid[rows]?.[c] !== undefined)
      .map((c) => shown([...Array(rows + 1).keys()].map((r) => [r, c] as const))),
  ].filter((line) => line.length > 1)

  let changed = true
  while (changed) {
    changed = false
    for (const line of additive) {
      const withheld = line.filter(([r, c]) => typeof grid[r]?.[c] !== 'number')
      if (withheld.length !== 1) continue
      const [r, c] = complement(line, grid)
      ;(grid[r] as Cell[])[c] = 'hidden'
      changed = true
    }
  }
  const cellsOf = (r: number) => (grid[r] as Cell[]).slice(0, table.cells[r]?.length ?? columns)
  return {
    cells: table.cells.map((_, r) => cellsOf(r)),
    ...(table.rowTotals && { rowTotals: table.rowTotals.map((_, r) => grid[r]?.[columns] as Cell) }),
    ...(table.columnTotals && { columnTotals: cellsOf(rows) }),
    ...(table.total !== undefined && { total: grid[rows]?.[columns] as Cell }),
  }
}

/** The cell to withhold beside the only one withheld: the smallest non-zero count, then a zero, then the total. */
function complement(line: Place[], grid: (Cell | undefined)[][]): Place {
  const open = line.filter(([r, c]) => typeof grid[r]?.[c] === 'number')
  const total = line.at(-1)
  const inner = open.filter((place) => place !== total)
  const value = ([r, c]: Place) => grid[r]?.[c] as number
  const rank = (place: Place) => (value(place) === 0 ? Number.MAX_SAFE_INTEGER : value(place))
  const [best] = [...inner].sort((a, b) => rank(a) - rank(b))
  return best ?? (total as Place)
}
