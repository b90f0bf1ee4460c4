// The opening hours of the services in DESIGN.md's table, and a clock in Rome, for the tests.
import { DateTime } from 'luxon'
import type { OpeningRules, TimeRange } from './schedule.ts'

const EVENING: TimeRange[] = [{ start: '18:00', end: '21:00' }]
const DAY: TimeRange[] = [{ start: '09:00', end: '17:00' }]
const AFTERNOON: TimeRange[] = [{ start: '13:00', end: '21:00' }]
const DESK_MORNING: TimeRange = { start: '09:00', end: '12:30' }
const DESK_AFTERNOON: TimeRange = { start: '15:30', end: '17:30' }
const NIGHT: TimeRange[] = [{ start: '22:00', end: '02:00' }]

const none = { exceptions: [], closures: [] }

/** WhatsApp listening line: every day 18:00–21:00, closed on public holidays. */
export const listeningLine: OpeningRules = {
  ...none,
  weekly: {
    mon: EVENING,
    tue: EVENING,
    wed: EVENING,
    thu: EVENING,
    fri: EVENING,
    sat: EVENING,
    sun: EVENING,
  },
  closedOnPublicHolidays: true,
}

/** Municipal desk: Mon–Fri 09:00–12:30, Mon and Thu also 15:30–17:30, Sat 08:45–12:15. */
export const municipalDesk: OpeningRules = {
  ...none,
  weekly: {
    mon: [DESK_MORNING, DESK_AFTERNOON],
    tue: [DESK_MORNING],
    wed: [DESK_MORNING],
    thu: [DESK_AFTERNOON, DESK_MORNING], // out of order on purpose
    fri: [DESK_MORNING],
    sat: [{ start: '08:45', end: '12:15' }],
  },
  closedOnPublicHolidays: true,
}

/** Addiction line: 09–17 Mon, Wed, Fri, Sat, Sun; 13–21 Tue, Thu; open on holidays too. */
export const addictionLine: OpeningRules = {
  ...none,
  weekly: { mon: DAY, tue: AFTERNOON, wed: DAY, thu: AFTERNOON, fri: DAY, sat: DAY, sun: DAY },
  closedOnPublicHolidays: false,
}

/** Regional anti-trafficking number: 24/7. */
export const antiTrafficking: OpeningRules = {
  ...none,
  weekly: {},
  alwaysOpen: true,
  closedOnPublicHolidays: false,
}

/** A weekend night line, 22:00–02:00 on Friday and Saturday nights, closed on holidays. */
export const nightLine: OpeningRules = {
  ...none,
  weekly: { fri: NIGHT, sat: NIGHT },
  closedOnPublicHolidays: true,
}

/** The listening line with a Christmas Eve off, special hours, and a summer break. */
export const listeningLineWithExceptions: OpeningRules = {
  ...listeningLine,
  exceptions: [
    { date: '2026-12-24', closed: true },
    { date: '2026-12-25', ranges: [{ start: '10:00', end: '12:00' }], reason: 'Natale' },
    { date: '2026-12-31', ranges: [{ start: '16:00', end: '19:00' }] },
  ],
  closures: [{ from: '2026-08-10', to: '2026-08-23', reason: 'ferie' }],
}

/** A wall-clock time in Rome, 'YYYY-MM-DD HH:MM[:SS]', as an instant. */
export function rome(local: string): Date {
  const t = DateTime.fromSQL(local, { zone: 'Europe/Rome' })
  if (!t.isValid) throw new Error(`bad test time ${local}`)
  return t.toJSDate()
}
