// The rota's payloads (issue 21): shifts, who is on them, the week's coverage and the calendar
// feed. Times of day are the helpline's wall clock ('HH:MM'); instants are ISO strings.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const Day = Type.String({ format: 'date' })
const Strict = { additionalProperties: false } as const

export const ShiftRole = Type.Union([
  Type.Literal('volunteer'),
  Type.Literal('supervisor'),
  Type.Literal('mediator'),
])
export type ShiftRole = Static<typeof ShiftRole>

export const RotaWeekday = Type.Union(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].map((d) => Type.Literal(d)))

const Needs = Type.Object(
  {
    volunteer: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    supervisor: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    mediator: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
  },
  Strict,
)

export const ShiftBody = Type.Object(
  {
    startsOn: Day,
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    end: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }),
    /** The weekdays it repeats on; empty or absent: once. */
    weekdays: Type.Optional(Type.Array(RotaWeekday, { maxItems: 7, uniqueItems: true })),
    until: Type.Optional(Day),
    needs: Needs,
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  },
  Strict,
)
export type ShiftBody = Static<typeof ShiftBody>

export const ShiftExceptionBody = Type.Object({ date: Day }, Strict)

export const AssignmentBody = Type.Object(
  {
    date: Day,
    role: ShiftRole,
    /** A coordinator assigning someone; absent: the caller signs up. */
    userId: Type.Optional(Uuid),
  },
  Strict,
)
export type AssignmentBody = Static<typeof AssignmentBody>

export const SwapBody = Type.Object({ toUserId: Uuid }, Strict)

export const RotaAssignment = Type.Object({
  id: Uuid,
  userId: Uuid,
  displayName: Type.String(),
  role: ShiftRole,
  confirmed: Type.Boolean(),
  /** Offered to someone else, who has not answered yet. */
  swapTo: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
})
export type RotaAssignment = Static<typeof RotaAssignment>

export const RotaOccurrence = Type.Object({
  shiftId: Uuid,
  date: Day,
  startsAt: Timestamp,
  endsAt: Timestamp,
  start: Type.String(),
  end: Type.String(),
  repeats: Type.Boolean(),
  language: Type.Union([Type.String(), Type.Null()]),
  needs: Needs,
  assignments: Type.Array(RotaAssignment),
  /** The languages the people on it speak natively or well, each with how many, most spoken first. */
  languagesSpoken: Type.Array(Type.Object({ language: Type.String(), operators: Type.Integer() })),
})
export type RotaOccurrence = Static<typeof RotaOccurrence>

export const RotaGap = Type.Object({
  kind: Type.Union([Type.Literal('unstaffed'), Type.Literal('missing'), Type.Literal('no_supervision')]),
  startsAt: Timestamp,
  endsAt: Timestamp,
  role: Type.Optional(ShiftRole),
  missing: Type.Optional(Type.Integer()),
})
export type RotaGap = Static<typeof RotaGap>

export const RotaMember = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  role: Type.Union([Type.Literal('volunteer'), Type.Literal('supervisor'), Type.Literal('coordinator')]),
})

/** One week of a helpline's rota: Monday 00:00 to the next Monday, in its zone. */
export const RotaWeek = Type.Object({
  helplineId: Uuid,
  timeZone: Type.String(),
  /** The Monday, 'YYYY-MM-DD'. */
  week: Day,
  opening: Type.Array(Type.Object({ startsAt: Timestamp, endsAt: Timestamp })),
  occurrences: Type.Array(RotaOccurrence),
  gaps: Type.Array(RotaGap),
  members: Type.Array(RotaMember),
})
export type RotaWeek = Static<typeof RotaWeek>

export const RotaWeekQuery = Type.Object({ week: Type.Optional(Day) }, Strict)

export const CalendarFeedView = Type.Object({
  /** The secret address: shown once, when made; renewing makes a new one and ends the old. */
  url: Type.String(),
})
export type CalendarFeedView = Static<typeof CalendarFeedView>

/** How long before each of their shifts an operator is reminded by e-mail; null: never (the default). */
export const ShiftReminder = Type.Object(
  { minutes: Type.Union([Type.Integer({ minimum: 15, maximum: 2880 }), Type.Null()]) },
  Strict,
)
export type ShiftReminder = Static<typeof ShiftReminder>

export const ShiftCreated = Type.Object({ id: Uuid })

const OnShift = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  role: ShiftRole,
  confirmed: Type.Boolean(),
  /** When their shift ends (on now) or starts (due). */
  at: Timestamp,
})

/** Who is on shift now, and who is due in the next twelve hours. */
export const RotaNow = Type.Object({ on: Type.Array(OnShift), due: Type.Array(OnShift) })
export type RotaNow = Static<typeof RotaNow>

/** The operator's own shift now, if any. */
export const MyShift = Type.Object({
  shift: Type.Union([
    Type.Object({
      helplineId: Uuid,
      endsAt: Timestamp,
      /** The helpline's, which the end is said in. */
      timeZone: Type.String(),
      /** Within the last quarter of an hour: time to hand over. */
      endingSoon: Type.Boolean(),
    }),
    Type.Null(),
  ]),
})
export type MyShift = Static<typeof MyShift>
