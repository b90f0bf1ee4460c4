// A count as the statistics show it: the number, '<5' where fewer than the helpline's minimum cell,
// '*' where it is withheld so that a small one cannot be worked out from the totals.
import type { Cell, Statistics } from '@ascolto/protocol'

export const cellText = (cell: Cell, { minimumCell }: Pick<Statistics, 'minimumCell'>) =>
  typeof cell === 'number' ? String(cell) : cell === 'small' ? `<${minimumCell}` : '*'
