import assert from 'node:assert/strict'
import { test } from 'node:test'
import { byteRangeOf } from './byte-range.ts'

test('reads one byte range of a file, and refuses what lies outside it', () => {
  const cases: Array<[string | undefined, ReturnType<typeof byteRangeOf>]> = [
    [undefined, null],
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-2000', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=50-10', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=-', null],
    ['bytes=0-1,5-9', null],
    ['items=0-1', null],
  ]
  for (const [header, expected] of cases)
    assert.deepEqual(byteRangeOf(header, 1000), expected, String(header))
})
