// A count as a spreadsheet shows it, as the screen does: the number, '<5' below the helpline's
// minimum cell, '*' where withheld so that a small one cannot be worked out from the totals.
import type { Cell } from '@ascolto/protocol'

export const sheetCell = (cell: Cell, minimumCell: number) =>
  typeof cell === 'number' ? cell : cell === 'small' ? `<${minimumCell}` : '*'
