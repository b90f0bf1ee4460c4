import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dueTime, queuedSince } from './due-time.ts'
import {
  addictionLine,
  antiTrafficking,
  listeningLine,
  listeningLineWithExceptions,
  municipalDesk,
  nightLine,
  rome,
} from './helplines.fixture.ts'
import type { OpeningRules } from './schedule.ts'

describe('dueTime', () => {
  const cases: [OpeningRules, string, arrived: string, due: string][] = [
    [listeningLine, 'Monday 22:00: Tuesday evening', '2026-01-12 22:00', '2026-01-13 21:00'],
    [listeningLine, 'at 20:59:59: the same evening', '2026-01-12 20:59:59', '2026-01-12 21:00'],
    [listeningLine, 'at 21:00:00: the next open day', '2026-01-12 21:00', '2026-01-13 21:00'],
    [listeningLine, 'before opening on an open day', '2026-01-12 10:00', '2026-01-12 21:00'],
    [listeningLine, 'while open', '2026-01-12 18:30', '2026-01-12 21:00'],
    [listeningLine, 'on the eve of Epiphany', '2026-01-05 22:00', '2026-01-07 21:00'],
    [listeningLine, 'New Year’s Eve night', '2025-12-31 22:00', '2026-01-02 21:00'],
    [listeningLine, 'on New Year’s Day', '2026-01-01 19:00', '2026-01-02 21:00'],
    [listeningLine, 'Easter weekend 2026', '2026-04-04 22:00', '2026-04-07 21:00'],
    [listeningLine, 'Easter weekend 2027', '2027-03-27 22:00', '2027-03-30 21:00'],
    [municipalDesk, 'Friday evening: Saturday morning', '2026-01-16 18:00', '2026-01-17 12:15'],
    [municipalDesk, 'Monday at lunch: Monday afternoon', '2026-01-12 13:00', '2026-01-12 17:30'],
    [municipalDesk, 'Monday early: Monday afternoon', '2026-01-12 08:00', '2026-01-12 17:30'],
    [municipalDesk, 'Tuesday afternoon: Wednesday noon', '2026-01-13 13:00', '2026-01-14 12:30'],
    [municipalDesk, 'Saturday afternoon: Monday', '2026-01-17 13:00', '2026-01-19 17:30'],
    [municipalDesk, 'Friday before a Saturday holiday', '2026-04-24 18:00', '2026-04-27 17:30'],
    [municipalDesk, 'Friday before Ferragosto', '2026-08-14 18:00', '2026-08-17 17:30'],
    [addictionLine, 'Monday evening: Tuesday night', '2026-01-12 18:00', '2026-01-13 21:00'],
    [addictionLine, 'Tuesday morning', '2026-01-13 10:00', '2026-01-13 21:00'],
    [addictionLine, 'New Year (open on holidays)', '2026-01-01 10:00', '2026-01-01 21:00'],
    [nightLine, 'past midnight, in Friday’s night', '2026-01-10 01:00', '2026-01-10 02:00'],
    [nightLine, 'after Friday’s night', '2026-01-10 03:00', '2026-01-11 02:00'],
    [nightLine, 'midweek', '2026-01-08 12:00', '2026-01-10 02:00'],
    [listeningLineWithExceptions, 'Christmas Eve off', '2026-12-23 22:00', '2026-12-25 12:00'],
    [listeningLineWithExceptions, 'in the summer closure', '2026-08-12 10:00', '2026-08-24 21:00'],
  ]
  for (const [rules, name, arrived, due] of cases) {
    it(`${name}: ${arrived} → ${due}`, () => assert.deepEqual(dueTime(rules, rome(arrived)), rome(due)))
  }

  it('counts the hours across the daylight-saving switch', () => {
    // Saturday 22:00 CET → Sunday 21:00 CEST, 22 hours later
    assert.deepEqual(
      dueTime(listeningLine, new Date('2026-03-28T21:00:00Z')),
      new Date('2026-03-29T19:00:00Z'),
    )
    // Saturday 22:00 CEST → Sunday 21:00 CET, 24 hours later
    assert.deepEqual(
      dueTime(listeningLine, new Date('2026-10-24T20:00:00Z')),
      new Date('2026-10-25T20:00:00Z'),
    )
  })

  it('gives a 24/7 line a fixed delay', () => {
    assert.deepEqual(dueTime(antiTrafficking, rome('2026-01-01 03:00')), rome('2026-01-01 04:00'))
    const halfHour = { ...antiTrafficking, alwaysOpenDueMinutes: 30 }
    assert.deepEqual(dueTime(halfHour, rome('2026-12-25 23:45')), rome('2026-12-26 00:15'))
    // 01:30 CET + 1 h is 03:30 CEST
    assert.deepEqual(
      dueTime(antiTrafficking, new Date('2026-03-29T00:30:00Z')),
      new Date('2026-03-29T01:30:00Z'),
    )
  })

  it('counts a 24/7 line’s delay from its reopening after a closure', () => {
    const rules = { ...antiTrafficking, closures: [{ from: '2026-08-10', to: '2026-08-12' }] }
    assert.deepEqual(dueTime(rules, rome('2026-08-11 15:00')), rome('2026-08-13 01:00'))
  })

  it('is due at once when the rules never open', () => {
    const arrived = rome('2026-01-12 10:00')
    assert.deepEqual(dueTime({ ...listeningLine, weekly: {} }, arrived), arrived)
  })
})

describe('queuedSince', () => {
  it('waits from the arrival while the line is open', () => {
    assert.deepEqual(queuedSince(listeningLine, rome('2026-01-12 18:30')), rome('2026-01-12 18:30'))
  })

  it('waits from the next opening when written while the line is closed', () => {
    assert.deepEqual(queuedSince(listeningLine, rome('2026-01-12 22:00')), rome('2026-01-13 18:00'))
    // the eve of Epiphany: closed on the holiday, open the day after
    assert.deepEqual(queuedSince(listeningLine, rome('2026-01-05 22:00')), rome('2026-01-07 18:00'))
  })

  it('waits from the arrival when the rules never open', () => {
    const arrived = rome('2026-01-12 10:00')
    assert.deepEqual(queuedSince({ ...listeningLine, weekly: {} }, arrived), arrived)
  })
})
