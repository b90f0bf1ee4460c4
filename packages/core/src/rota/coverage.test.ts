// The rota's pure parts by tables of cases: which days and instants shifts fall on (DST
// included), and which gaps coverage names over the opening hours.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rome } from '../policy/helplines.fixture.ts'
import { findGaps, type StaffedOccurrence } from './coverage.ts'
import { occurrencesBetween, type ShiftPattern, shiftDays } from './occurrences.ts'

const ZONE = 'Europe/Rome'
const shift = (over: Partial<ShiftPattern>): ShiftPattern => ({
  id: 's',
  startsOn: '2026-03-02',
  start: '19:00',
  end: '21:00',
  recurrence: 'FREQ=WEEKLY;BYDAY=MO,SA',
  until: null,
  exceptions: [],
  ...over,
})

describe('shiftDays', () => {
  const cases: Array<[string, Partial<ShiftPattern>, string, string, string[]]> = [
    [
      'weekly on two days',
      {},
      '2026-03-02',
      '2026-03-15',
      ['2026-03-02', '2026-03-07', '2026-03-09', '2026-03-14'],
    ],
    [
      'not before its first day',
      { startsOn: '2026-03-07' },
      '2026-03-01',
      '2026-03-09',
      ['2026-03-07', '2026-03-09'],
    ],
    ['not after until', { until: '2026-03-07' }, '2026-03-01', '2026-03-31', ['2026-03-02', '2026-03-07']],
    [
      'an exception skips one day',
      { exceptions: ['2026-03-07'] },
      '2026-03-01',
      '2026-03-09',
      ['2026-03-02', '2026-03-09'],
    ],
    ['once', { recurrence: null }, '2026-03-01', '2026-03-31', ['2026-03-02']],
    ['once, outside the period', { recurrence: null }, '2026-03-03', '2026-03-31', []],
    ['once, cancelled', { recurrence: null, exceptions: ['2026-03-02'] }, '2026-03-01', '2026-03-31', []],
  ]
  for (const [name, over, first, last, days] of cases) {
    it(name, () => assert.deepEqual(shiftDays(shift(over), first, last), days))
  }
})

describe('occurrencesBetween', () => {
  it('keeps the wall-clock hours across the March and October clock changes', () => {
    const weekly = shift({ recurrence: 'FREQ=WEEKLY;BYDAY=SA', startsOn: '2026-03-21' })
    const found = occurrencesBetween([weekly], ZONE, rome('2026-03-21 00:00'), rome('2026-04-01 00:00'))
    assert.deepEqual(
      found.map((o) => [o.start.toISOString(), o.end.toISOString()]),
      [
        ['2026-03-21T18:00:00.000Z', '2026-03-21T20:00:00.000Z'], // CET, UTC+1
        ['2026-03-28T18:00:00.000Z', '2026-03-28T20:00:00.000Z'], // the clocks move on the 29th
      ],
    )
    const april = occurrencesBetween([weekly], ZONE, rome('2026-04-04 00:00'), rome('2026-04-05 00:00'))
    assert.deepEqual(
      april.map((o) => o.start.toISOString()),
      ['2026-04-04T17:00:00.000Z'],
    ) // CEST, UTC+2
  })
  it('includes a night shift of the day before that runs into the period', () => {
    const night = shift({ start: '22:00', end: '02:00', recurrence: null, startsOn: '2026-03-02' })
    const found = occurrencesBetween([night], ZONE, rome('2026-03-03 00:00'), rome('2026-03-04 00:00'))
    assert.deepEqual(
      found.map((o) => [o.date, o.start.getTime(), o.end.getTime()]),
      [['2026-03-02', rome('2026-03-02 22:00').getTime(), rome('2026-03-03 02:00').getTime()]],
    )
  })
})

describe('findGaps', () => {
  const open = [{ start: rome('2026-03-07 18:00'), end: rome('2026-03-07 21:00') }]
  const on = (
    start: string,
    end: string,
    needs: StaffedOccurrence['needs'],
    staffed: StaffedOccurrence['staffed'],
  ): StaffedOccurrence => ({
    shiftId: `${start}-${end}`,
    date: '2026-03-07',
    start: rome(`2026-03-07 ${start}`),
    end: rome(`2026-03-07 ${end}`),
    needs,
    staffed,
  })
  const said = (gaps: ReturnType<typeof findGaps>) =>
    gaps.map((g) => {
      const hours = (d: Date) =>
        d.toLocaleTimeString('it-IT', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' })
      const what = g.kind === 'missing' ? `missing ${g.missing} ${g.role}` : g.kind
      return `${hours(g.start)}–${hours(g.end)} ${what}`
    })
  const cases: Array<[string, StaffedOccurrence[], string[]]> = [
    ['no shift at all', [], ['18:00–21:00 unstaffed']],
    [
      'fully staffed',
      [on('18:00', '21:00', { volunteer: 2, supervisor: 1 }, { volunteer: 2, supervisor: 1 })],
      [],
    ],
    [
      'one volunteer short, before an uncovered hour',
      [on('18:00', '20:00', { volunteer: 2, supervisor: 1 }, { volunteer: 1, supervisor: 1 })],
      ['18:00–20:00 missing 1 volunteer', '20:00–21:00 unstaffed'],
    ],
    [
      'no supervisor: said once, as no supervision',
      [on('18:00', '21:00', { volunteer: 1, supervisor: 1 }, { volunteer: 1 })],
      ['18:00–21:00 no_supervision'],
    ],
    [
      'one supervisor of two',
      [on('18:00', '21:00', { supervisor: 2 }, { supervisor: 1 })],
      ['18:00–21:00 missing 1 supervisor'],
    ],
    [
      'overlapping shifts add up; touching stretches of one gap are one',
      [
        on('18:00', '19:30', { volunteer: 1, supervisor: 1 }, { supervisor: 1 }),
        on('19:30', '21:00', { volunteer: 1 }, {}),
        on('19:00', '21:00', { supervisor: 1, mediator: 1 }, { supervisor: 1, volunteer: 1 }),
      ],
      ['18:00–19:00 missing 1 volunteer', '19:00–21:00 missing 1 mediator'],
    ],
    [
      'a shift outside the opening hours counts for nothing',
      [on('14:00', '16:00', { volunteer: 3 }, {})],
      ['18:00–21:00 unstaffed'],
    ],
  ]
  for (const [name, occurrences, expected] of cases) {
    it(name, () => assert.deepEqual(said(findGaps(open, occurrences)), expected))
  }
})
