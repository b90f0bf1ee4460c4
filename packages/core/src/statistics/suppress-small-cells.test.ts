// Crafted tables where one cell would single out a person: the cell is 'small', and where the totals
// would give it back, the cell beside it is 'hidden' too; nothing else is lost.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type SuppressedTable, suppressSmallCells } from './suppress-small-cells.ts'

/** Every line whose total is a number must not have exactly one cell withheld. */
function assertNothingRecomputable({ cells, rowTotals, columnTotals }: SuppressedTable) {
  const withheld = (line: unknown[]) => line.filter((cell) => typeof cell !== 'number').length
  cells.forEach((row, r) => {
    if (rowTotals) assert.notEqual(withheld([...row, rowTotals[r]]), 1, `row ${r}`)
  })
  if (columnTotals) {
    columnTotals.forEach((total, c) => {
      assert.notEqual(withheld([...cells.map((row) => row[c]), total]), 1, `column ${c}`)
    })
  }
}

describe('small-cell suppression', () => {
  it('withholds the one person of a door, and the door beside it that the total would give away', () => {
    // one conversation on Telegram: 12 + 30 + 1 = 43 would name it
    const out = suppressSmallCells({ cells: [[12], [30], [1]], columnTotals: [43] }, 5)
    assert.deepEqual(out, { cells: [['hidden'], [30], ['small']], columnTotals: [43] })
    assertNothingRecomputable(out)
  })

  it('leaves zeros and counts at the floor as they are, and withholds nothing more without totals', () => {
    const out = suppressSmallCells({ cells: [[0, 5, 4, 120]] }, 5)
    assert.deepEqual(out, { cells: [[0, 5, 'small', 120]] })
  })

  it('follows a higher floor', () => {
    const out = suppressSmallCells({ cells: [[7, 9]], rowTotals: [16] }, 10)
    assert.deepEqual(out, { cells: [['small', 'small']], rowTotals: [16] })
  })

  it('withholds a non-zero cell beside the small one before a zero, the smallest first', () => {
    const out = suppressSmallCells({ cells: [[2, 0, 40, 9]], rowTotals: [51] }, 5)
    assert.deepEqual(out, { cells: [['small', 0, 40, 'hidden']], rowTotals: [51] })
    assertNothingRecomputable(out)
  })

  it('withholds the total when the small cell has nobody beside it', () => {
    // a door with two categories, one of them with a single person: rows are doors
    const out = suppressSmallCells({ cells: [[1]], rowTotals: [8] }, 5)
    assert.deepEqual(out, { cells: [['small']], rowTotals: ['hidden'] })
  })

  it('in a cross-table, follows the hidden cell down its column, until no line gives one away', () => {
    // doors × outcome: the 3 on the phone, referred, is the only small cell
    const table = {
      cells: [
        [20, 3],
        [15, 9],
        [30, 12],
      ],
      rowTotals: [23, 24, 42],
      columnTotals: [65, 24],
      total: 89,
    }
    const out = suppressSmallCells(table, 5)
    assert.deepEqual(out.cells, [
      ['hidden', 'small'],
      ['hidden', 'hidden'],
      [30, 12],
    ])
    assert.deepEqual(out.rowTotals, [23, 24, 42])
    assert.deepEqual(out.columnTotals, [65, 24])
    assert.equal(out.total, 89)
    assertNothingRecomputable(out)
    // and the reader cannot solve the rectangle either: 20+3=23, 15+9=24, 20+15=35, 3+9=12 hold for
    // 19+4, 16+8 too (any a from 1 to 4: [23−a, a], [12+a, 12−a])
  })

  it('withholds a small total, and the counts inside it stay small or zero', () => {
    const out = suppressSmallCells(
      { cells: [[3, 0, 0]], rowTotals: [3], columnTotals: [3, 0, 0], total: 3 },
      5,
    )
    assert.deepEqual(out, {
      cells: [['small', 0, 0]],
      rowTotals: ['small'],
      columnTotals: ['small', 0, 0],
      total: 'small',
    })
  })

  it('keeps ragged rows ragged (cases of a kind and how they ended)', () => {
    const out = suppressSmallCells({ cells: [[6, 2], [10]], rowTotals: [8, 10] }, 5)
    assert.deepEqual(out, { cells: [['hidden', 'small'], [10]], rowTotals: [8, 10] })
  })
})
