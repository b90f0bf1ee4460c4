import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addictionLine,
  antiTrafficking,
  listeningLine,
  listeningLineWithExceptions,
  municipalDesk,
  nightLine,
} from './helplines.fixture.ts'
import { checkOpeningRules, type OpeningRules } from './schedule.ts'

describe('checkOpeningRules', () => {
  it('accepts the services of the design', () => {
    for (const rules of [
      listeningLine,
      listeningLineWithExceptions,
      municipalDesk,
      addictionLine,
      antiTrafficking,
      nightLine,
    ]) {
      assert.deepEqual(checkOpeningRules(rules), [])
    }
  })

  it('lists every problem at once', () => {
    const rules: OpeningRules = {
      timeZone: 'Europe/Roma',
      weekly: { mon: [{ start: '9:00', end: '24:00' }], tue: [{ start: '10:00', end: '10:00' }] },
      exceptions: [
        { date: '2026-02-30', closed: true },
        { date: '2026-12-31', ranges: [{ start: '16:00', end: '25:00' }] },
      ],
      closedOnPublicHolidays: true,
      patronSaintDay: { month: 2, day: 30 },
      closures: [{ from: '2026-08-23', to: '2026-08-10' }],
      alwaysOpenDueMinutes: 0,
    }
    assert.deepEqual(checkOpeningRules(rules), [
      'unknown time zone: Europe/Roma',
      `weekly.mon[0].start is not 'HH:MM': "9:00"`,
      'weekly.tue[0] starts and ends at 10:00: use 00:00–24:00 for a whole day',
      "exceptions[0].date is not a date 'YYYY-MM-DD': 2026-02-30",
      `exceptions[1].ranges[0].end is not 'HH:MM': "25:00"`,
      'closures[0] ends (2026-08-10) before it starts (2026-08-23)',
      'patronSaintDay is not a day of the year: 2/30',
      'alwaysOpenDueMinutes must be a positive whole number: 0',
    ])
  })
})
