// The statistics screen's charts: series of counts from the anonymous facts, each through the
// small-cell rule (a Cell is a number, 'small' or 'hidden'), for a period and the as many days
// before it, with the same filters on every conversation chart. And, for coordinators of a helpline
// that turned it on, the figures per operator (listed by name, never ranked).
import Type, { type Static } from 'typebox'
import { LocalizedText } from './helpline-settings.ts'
import { Cell } from './statistics.ts'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Seconds = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])

/** The period and the filters every conversation chart follows (cases and referrals follow the period). */
export const ChartsQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    door: Type.Optional(Type.String({ format: 'uuid' })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$' })),
    flag: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
  },
  { additionalProperties: false },
)
export type ChartsQuery = Static<typeof ChartsQuery>

/** One bar or slice: its key, a label from the settings (else null) or a door's name, now and before. */
export const ChartBar = Type.Object({
  key: Type.String(),
  label: Type.Union([LocalizedText, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  now: Cell,
  before: Cell,
})
export type ChartBar = Static<typeof ChartBar>

/** A point of a trend: the first day of its week or month and the count. */
const TrendPoint = Type.Object({ start: Day, count: Cell })

export const WAIT_BUCKETS = ['1m', '5m', '15m', '1h', '4h', '1d', 'more'] as const
/** Upper bounds in seconds of WAIT_BUCKETS (the last has none). */
export const WAIT_BOUNDS = [60, 300, 900, 3600, 14_400, 86_400] as const

export const Charts = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
  previous: Type.Object({ from: Day, to: Day }),
  minimumCell: Type.Integer({ minimum: 5 }),
  language: Type.String(),
  /** What the filters can pick: the helpline's doors, languages seen, categories, kinds of flag seen. */
  choices: Type.Object({
    doors: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() })),
    languages: Type.Array(Type.String()),
    categories: Type.Array(Type.Object({ id: Type.String(), label: LocalizedText })),
    flags: Type.Array(Type.String()),
  }),
  /** Conversations opened per weekday (Monday first) and local hour; `open`: the weekly opening hours. */
  hours: Type.Object({
    counts: Type.Array(Type.Array(Cell)),
    weekdayTotals: Type.Array(Cell),
    total: Cell,
    open: Type.Array(Type.Array(Type.Boolean())),
  }),
  /** Closed per week and per month; the period before on the same number of points. */
  weeks: Type.Object({ now: Type.Array(TrendPoint), before: Type.Array(TrendPoint) }),
  months: Type.Object({ now: Type.Array(TrendPoint), before: Type.Array(TrendPoint) }),
  doors: Type.Array(ChartBar),
  languages: Type.Array(ChartBar),
  categories: Type.Array(ChartBar),
  /** Per closing-form question, its answers. */
  outcomes: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.Union([LocalizedText, Type.Null()]),
      answers: Type.Array(ChartBar),
    }),
  ),
  /**
   * How long until the first reply of a person of the line, how long those who left unanswered had
   * waited, and how long in queue until a person of the line took the conversation.
   */
  waits: Type.Object({
    firstReply: Type.Array(ChartBar),
    leftWaiting: Type.Array(ChartBar),
    queue: Type.Array(ChartBar),
    firstReplyMedian: Seconds,
    queueMedian: Seconds,
  }),
  /** Conversations with a due time: the first reply came by it, or not. */
  due: Type.Array(ChartBar),
  /** Cases opened and closed per week of the period. */
  cases: Type.Array(Type.Object({ start: Day, opened: Cell, closed: Cell })),
  /** Referrals received (in) and sent (out) per week of the period. */
  referrals: Type.Array(Type.Object({ start: Day, in: Cell, out: Cell })),
})
export type Charts = Static<typeof Charts>

/** One operator's conversations closed in the period (the ones they had at close), and their times. */
export const OperatorFigures = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
  minimumCell: Type.Integer({ minimum: 5 }),
  /** The helpline's main language: the words of the table as a file. */
  language: Type.String(),
  operators: Type.Array(
    Type.Object({
      name: Type.String(),
      handled: Cell,
      firstReplyMedian: Seconds,
      durationMedian: Seconds,
    }),
  ),
})
export type OperatorFigures = Static<typeof OperatorFigures>

/** The main tables a person can download, beside the cross-tables. */
export const STATISTICS_TABLES = [
  'doors',
  'categories',
  'outcomes',
  'cases',
  'referrals',
  'hours',
  'weeks',
  'months',
  'languages',
  'waits',
  'due',
] as const
export type StatisticsTable = (typeof STATISTICS_TABLES)[number]

/**
 * The screen's tables of the period (they follow the period only, as on the screen), each one a
 * download: the doors with their times, categories, closing form, calls, cases and referrals by
 * kind and partner, the survey's answers, the reports from the form.
 */
export const PERIOD_TABLES = [
  'conversations',
  'closedByCategory',
  'closingForm',
  'calls',
  'casesByKind',
  'referralsByPartner',
  'survey',
  'reports',
] as const
export type PeriodTable = (typeof PERIOD_TABLES)[number]
