import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addictionLine,
  antiTrafficking,
  listeningLine,
  listeningLineWithExceptions,
  municipalDesk,
  nightLine,
  rome,
} from './helplines.fixture.ts'
import { localDateOf } from './local-days.ts'
import {
  currentRangeEnd,
  isOpen,
  localDayOf,
  nextOpening,
  openIntervalsOn,
  openingDay,
  openRangesOn,
} from './opening.ts'
import type { OpeningRules } from './schedule.ts'

type Case = [rules: OpeningRules, name: string, at: string, open: boolean]

const HOURS = 3600_000

describe('isOpen', () => {
  const cases: Case[] = [
    [listeningLine, 'Monday before opening', '2026-01-12 17:59:59', false],
    [listeningLine, 'Monday at opening', '2026-01-12 18:00', true],
    [listeningLine, 'Monday at 20:59:59', '2026-01-12 20:59:59', true],
    [listeningLine, 'Monday at 21:00:00', '2026-01-12 21:00', false],
    [listeningLine, 'Sunday evening', '2026-01-11 19:00', true],
    [listeningLine, 'New Year', '2026-01-01 19:00', false],
    [listeningLine, 'Easter Monday 2026', '2026-04-06 19:00', false],
    [listeningLine, 'Easter Monday 2027', '2027-03-29 19:00', false],
    [listeningLine, '25 April, a Saturday', '2026-04-25 19:00', false],
    [listeningLine, "Mother's Day is no holiday", '2026-05-10 19:00', true],
    [municipalDesk, 'Monday 09:00', '2026-01-12 09:00', true],
    [municipalDesk, 'Monday 12:30', '2026-01-12 12:30', false],
    [municipalDesk, 'Monday 15:30', '2026-01-12 15:30', true],
    [municipalDesk, 'Monday 17:30', '2026-01-12 17:30', false],
    [municipalDesk, 'Tuesday afternoon', '2026-01-13 16:00', false],
    [municipalDesk, 'Thursday afternoon', '2026-01-15 16:00', true],
    [municipalDesk, 'Saturday 08:44', '2026-01-17 08:44', false],
    [municipalDesk, 'Saturday 08:45', '2026-01-17 08:45', true],
    [municipalDesk, 'Saturday 12:15', '2026-01-17 12:15', false],
    [municipalDesk, 'Sunday', '2026-01-18 10:00', false],
    [municipalDesk, 'Epiphany, a Tuesday', '2026-01-06 10:00', false],
    [municipalDesk, '25 April, a Saturday', '2026-04-25 10:00', false],
    [addictionLine, 'Monday 09:00', '2026-01-12 09:00', true],
    [addictionLine, 'Monday 17:00', '2026-01-12 17:00', false],
    [addictionLine, 'Tuesday 12:59', '2026-01-13 12:59', false],
    [addictionLine, 'Tuesday 20:59', '2026-01-13 20:59', true],
    [addictionLine, 'Thursday 21:00', '2026-01-15 21:00', false],
    [addictionLine, 'Sunday morning', '2026-01-18 10:00', true],
    [addictionLine, 'New Year (open on holidays)', '2026-01-01 14:00', true],
    [antiTrafficking, 'New Year at midnight', '2026-01-01 00:00', true],
    [antiTrafficking, 'Christmas night', '2026-12-25 03:00', true],
    [nightLine, 'Friday 23:00', '2026-01-09 23:00', true],
    [nightLine, 'Saturday 01:59 (Friday night)', '2026-01-10 01:59', true],
    [nightLine, 'Saturday 02:00', '2026-01-10 02:00', false],
    [nightLine, 'Sunday 01:00 (Saturday night)', '2026-01-11 01:00', true],
    [nightLine, 'Monday 01:00', '2026-01-12 01:00', false],
    [nightLine, 'Thursday 23:00', '2026-01-08 23:00', false],
    [nightLine, 'into a holiday: the night belongs to Friday', '2026-04-25 01:00', true],
    [nightLine, 'a holiday night', '2026-04-25 23:00', false],
    [nightLine, 'after a holiday night', '2026-04-26 01:00', false],
    [listeningLineWithExceptions, 'a closed-day exception', '2026-12-24 19:00', false],
    [listeningLineWithExceptions, 'special hours on a holiday', '2026-12-25 11:00', true],
    [listeningLineWithExceptions, 'usual hours replaced', '2026-12-25 19:00', false],
    [listeningLineWithExceptions, 'special hours on New Year Eve', '2026-12-31 16:30', true],
    [listeningLineWithExceptions, 'not the usual New Year Eve hours', '2026-12-31 20:00', false],
    [listeningLineWithExceptions, 'the day before a closure', '2026-08-09 19:00', true],
    [listeningLineWithExceptions, 'first day of a closure', '2026-08-10 19:00', false],
    [listeningLineWithExceptions, 'last day of a closure', '2026-08-23 19:00', false],
    [listeningLineWithExceptions, 'the day after a closure', '2026-08-24 19:00', true],
  ]
  for (const [rules, name, at, open] of cases) {
    it(`${name}: ${at} ${open ? 'open' : 'closed'}`, () => assert.equal(isOpen(rules, rome(at)), open))
  }
})

describe('the day’s hours', () => {
  it('says what closed a day', () => {
    const rules = listeningLineWithExceptions
    assert.equal(openingDay(rules, '2026-12-24').closedBy, 'exception')
    assert.equal(openingDay(rules, '2026-08-15').closedBy, 'closure') // a holiday inside a closure
    assert.equal(openingDay(rules, '2026-01-01').closedBy, 'holiday')
    assert.equal(openingDay(rules, '2026-12-25').closedBy, undefined)
    assert.equal(openingDay(municipalDesk, '2026-01-18').closedBy, undefined) // an ordinary Sunday
    assert.equal(openingDay(addictionLine, '2026-01-01').closedBy, undefined)
  })

  it('lists the ranges after exceptions, holidays and closures', () => {
    assert.deepEqual(openRangesOn(listeningLineWithExceptions, '2026-12-31'), [
      { start: '16:00', end: '19:00' },
    ])
    assert.deepEqual(openRangesOn(listeningLineWithExceptions, '2026-08-12'), [])
    assert.deepEqual(openRangesOn(municipalDesk, '2026-04-06'), [])
    assert.deepEqual(openRangesOn(antiTrafficking, '2026-04-06'), [{ start: '00:00', end: '24:00' }])
  })

  it('sorts the intervals of a day', () => {
    const [morning, afternoon] = openIntervalsOn(municipalDesk, '2026-01-15')
    assert.deepEqual(morning, { start: rome('2026-01-15 09:00'), end: rome('2026-01-15 12:30') })
    assert.deepEqual(afternoon, { start: rome('2026-01-15 15:30'), end: rome('2026-01-15 17:30') })
  })
})

describe('daylight saving', () => {
  const sundayNight: OpeningRules = { ...nightLine, weekly: { sun: [{ start: '01:00', end: '04:00' }] } }
  const length = (date: string) => {
    const [i] = openIntervalsOn(sundayNight, date)
    return i ? (i.end.getTime() - i.start.getTime()) / HOURS : 0
  }

  it('keeps the wall-clock hours on the nights the clocks change', () => {
    assert.equal(length('2026-03-22'), 3)
    assert.equal(length('2026-03-29'), 2) // 02:00 becomes 03:00
    assert.equal(length('2026-10-25'), 4) // 03:00 becomes 02:00
  })

  it('opens the evening line at 18:00 local on both sides of the switch', () => {
    assert.equal(isOpen(listeningLine, new Date('2026-03-28T17:00:00Z')), true) // 18:00 CET
    assert.equal(isOpen(listeningLine, new Date('2026-03-29T15:59:59Z')), false)
    assert.equal(isOpen(listeningLine, new Date('2026-03-29T16:00:00Z')), true) // 18:00 CEST
    assert.equal(isOpen(listeningLine, new Date('2026-10-25T19:59:59Z')), true) // 20:59:59 CET
    assert.equal(isOpen(listeningLine, new Date('2026-10-25T20:00:00Z')), false)
  })

  it('drops a range the spring switch skips, and ends a night range at the second 02:00 in autumn', () => {
    const skipped: OpeningRules = { ...nightLine, weekly: { sun: [{ start: '02:00', end: '03:00' }] } }
    assert.deepEqual(openIntervalsOn(skipped, '2026-03-29'), [])
    assert.equal(isOpen(skipped, new Date('2026-03-29T01:00:00Z')), false)
    const [saturday] = openIntervalsOn(nightLine, '2026-10-24')
    assert.deepEqual(saturday, {
      start: new Date('2026-10-24T20:00:00Z'),
      end: new Date('2026-10-25T01:00:00Z'),
    })
  })

  it('keeps a 24/7 line open through the switch', () => {
    for (const at of [
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
    ]) {
      assert.equal(isOpen(antiTrafficking, new Date(at)), true, at)
    }
  })
})

describe('nextOpening', () => {
  const cases: [OpeningRules, string, string, string | null][] = [
    [listeningLine, 'already open: now', '2026-01-12 19:00', '2026-01-12 19:00'],
    [listeningLine, 'later today', '2026-01-12 10:00', '2026-01-12 18:00'],
    [listeningLine, 'after Epiphany', '2026-01-05 22:00', '2026-01-07 18:00'],
    [municipalDesk, 'at lunch', '2026-01-12 13:00', '2026-01-12 15:30'],
    [municipalDesk, 'Friday afternoon', '2026-01-16 13:00', '2026-01-17 08:45'],
    [municipalDesk, 'before a Saturday holiday', '2026-04-24 13:00', '2026-04-27 09:00'],
    [nightLine, 'Friday noon', '2026-01-09 12:00', '2026-01-09 22:00'],
    [listeningLineWithExceptions, 'in a closure', '2026-08-09 22:00', '2026-08-24 18:00'],
  ]
  for (const [rules, name, at, next] of cases) {
    it(`${name}: ${at} → ${next}`, () => assert.deepEqual(nextOpening(rules, rome(at)), next && rome(next)))
  }

  it('gives null when nothing opens within a year', () => {
    assert.equal(nextOpening({ ...listeningLine, weekly: {} }, rome('2026-01-12 10:00')), null)
    const closedForGood = { ...listeningLine, closures: [{ from: '2026-01-01', to: '2099-12-31' }] }
    assert.equal(nextOpening(closedForGood, rome('2026-01-12 10:00')), null)
  })
})

describe('currentRangeEnd', () => {
  it('ends the range around the instant, null when closed', () => {
    assert.deepEqual(currentRangeEnd(listeningLine, rome('2026-01-12 19:00')), rome('2026-01-12 21:00'))
    assert.equal(currentRangeEnd(listeningLine, rome('2026-01-12 21:00')), null)
    assert.deepEqual(currentRangeEnd(municipalDesk, rome('2026-01-12 10:00')), rome('2026-01-12 12:30'))
    assert.deepEqual(currentRangeEnd(nightLine, rome('2026-01-09 23:00')), rome('2026-01-10 02:00'))
  })

  it('joins ranges that touch, across midnight too', () => {
    const rules: OpeningRules = {
      ...listeningLine,
      weekly: { mon: [{ start: '20:00', end: '24:00' }], tue: [{ start: '00:00', end: '01:00' }] },
    }
    assert.deepEqual(currentRangeEnd(rules, rome('2026-01-12 21:00')), rome('2026-01-13 01:00'))
  })

  it('runs a 24/7 line to its next closure', () => {
    const rules = { ...antiTrafficking, closures: [{ from: '2026-08-10', to: '2026-08-12' }] }
    assert.deepEqual(currentRangeEnd(rules, rome('2026-08-01 10:00')), rome('2026-08-10 00:00'))
  })
})

describe('localDayOf: the day kept from one instant to the next', () => {
  it('gives the time zone’s own date for every instant, asked in order or not, across DST and midnight switches', () => {
    // Santiago moves its clocks at midnight; Chatham by 45 minutes; Rome in March and October
    for (const timeZone of ['Europe/Rome', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata']) {
      const rules: OpeningRules = { ...listeningLine, timeZone }
      const start = Date.parse('2026-01-01T00:00:00Z')
      // every 36 minutes and 53 seconds for a year, then the same instants shuffled by a stride
      const instants = Array.from({ length: 14_300 }, (_, i) => new Date(start + i * 2_213_000))
      const strided = instants.map((_, i) => instants[(i * 7_919) % instants.length] as Date)
      for (const instant of [...instants, ...strided]) {
        assert.equal(
          localDayOf(rules, instant),
          localDateOf(instant, timeZone),
          `${timeZone} ${instant.toISOString()}`,
        )
      }
    }
  })
})
