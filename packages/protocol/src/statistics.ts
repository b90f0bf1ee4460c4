// The statistics a supervisor reads: counts from the anonymous facts of closed conversations
// (conversation_fact), which outlive retention and erasure. Nothing here names a person, and
// nothing lists one conversation: every figure is a count, a median or an average over a period.
import Type, { type Static } from 'typebox'
import { LocalizedText } from './helpline-settings.ts'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Count = Type.Integer({ minimum: 0 })
/**
 * A count as a reader may see it: the number, or 'small' (fewer than the helpline's minimum cell,
 * shown as '<5') or 'hidden' (withheld so that a small one cannot be worked out from the totals).
 */
export const Cell = Type.Union([Count, Type.Literal('small'), Type.Literal('hidden')])
export type Cell = Static<typeof Cell>
/** Seconds; null where no conversation of the group has the figure (e.g. none was answered). */
const Seconds = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])
const Times = Type.Object({ median: Seconds, average: Seconds })

export const StatisticsQuery = Type.Object(
  {
    /** First and last day (the helpline's own dates) the conversations closed on; default: the last 30 days. */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
)
export type StatisticsQuery = Static<typeof StatisticsQuery>

/** How the closed conversations of a group went: how many, how fast the first reply, how long. */
const conversations = {
  closed: Cell,
  /** How many answered the survey (a skip is no answer). */
  answered: Cell,
  firstResponse: Times,
  duration: Times,
  /** Ended by the person before anyone of the line answered ("ended before an answer"). */
  abandoned: Cell,
  /** How long those people had waited. */
  abandonedWait: Times,
  /**
   * Time in queue: from when the person waited for the line (when they wrote or, written while the
   * line was closed, when it opened) until a person of the line took the conversation or was given it.
   */
  queue: Times,
}

/** A category or answer by its id; label null once the id is no longer in the settings. */
const Counted = Type.Object({
  id: Type.String(),
  label: Type.Union([LocalizedText, Type.Null()]),
  count: Cell,
})

/** The calls of a door (or all doors), by the day they started: how each ended, and how long. */
export const CallCounts = Type.Object({
  channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  channelName: Type.Union([Type.String(), Type.Null()]),
  calls: Cell,
  answered: Cell,
  unanswered: Cell,
  voicemail: Cell,
  refused: Cell,
  /** the caller hung up while the phones rang */
  abandoned: Cell,
  ring: Times,
  talk: Times,
  /** from the end of the call to the first try of its call-back */
  callbackFirstResponse: Times,
})
export type CallCounts = Static<typeof CallCounts>

/** A number per case (people, conversations): median and average, one decimal; null with no case. */
const PerCase = Type.Object({
  median: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  average: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
})

/**
 * Cases of one kind (a path of help, an emergency take-in), from case_fact: how many opened and
 * closed in the period; of those closed, how long they lasted, how many people and conversations
 * each had, and how they ended.
 */
export const CaseCounts = Type.Object({
  kind: Type.String(),
  opened: Cell,
  closed: Cell,
  duration: Times,
  contacts: PerCase,
  conversations: PerCase,
  outcomes: Type.Array(Type.Object({ outcome: Type.String(), count: Cell })),
})
export type CaseCounts = Static<typeof CaseCounts>

/**
 * Referrals sent or received in the period with one partner, from referral_fact: how many, in
 * which state they stand, and how long until taken in charge (the median, in seconds).
 */
export const ReferralCounts = Type.Object({
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  partner: Type.String(),
  total: Cell,
  states: Type.Array(Type.Object({ state: Type.String(), count: Cell })),
  inChargeMedianSeconds: Type.Union([Type.Integer(), Type.Null()]),
})
export type ReferralCounts = Static<typeof ReferralCounts>

export const Statistics = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
  /** The helpline's minimum cell: a 'small' count is below it ('<5'). */
  minimumCell: Type.Integer({ minimum: 5 }),
  /** The helpline's main language: a label's fallback when it lacks the reader's. */
  language: Type.String(),
  /** Per door, then all doors together. */
  channels: Type.Array(
    Type.Object({
      channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      channelName: Type.Union([Type.String(), Type.Null()]),
      channelKind: Type.String(),
      ...conversations,
    }),
  ),
  total: Type.Object(conversations),
  /** Phone calls per door, then all doors together (channelId null), by the day they started. */
  calls: Type.Array(CallCounts),
  /** Cases per kind opened or closed in the period (none: no row). */
  cases: Type.Array(CaseCounts),
  /** Referrals sent (out) and received (in) in the period, per partner (none: no row). */
  referrals: Type.Array(ReferralCounts),
  /** The helpline's categories in its order (none chosen: 0), then removed ones still counted. */
  categories: Type.Array(Counted),
  /** Conversations closed without a category. */
  withoutCategory: Cell,
  /** Per closing-form question (as for categories: the settings' first, then removed ones). */
  closingForm: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.Union([LocalizedText, Type.Null()]),
      answers: Type.Array(Counted),
      /** Conversations closed without an answer to this question. */
      unanswered: Cell,
    }),
  ),
  survey: Type.Object({
    /** The survey's questions as the helpline has them now (answers to removed questions are not shown). */
    questions: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.Union([Type.Literal('scale'), Type.Literal('yesNo')]),
        text: LocalizedText,
      }),
    ),
    /** How many gave each answer ('1'…'5', 'yes', 'no') to each question, per door. */
    counts: Type.Array(
      Type.Object({
        channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
        questionId: Type.String(),
        answer: Type.String(),
        count: Cell,
      }),
    ),
  }),
  /** Reports from the form received in the period (by the helpline's day), per answer to its choice and yes/no questions. */
  reports: Type.Object({
    total: Cell,
    questions: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.Union([LocalizedText, Type.Null()]),
        answers: Type.Array(Counted),
      }),
    ),
  }),
})
export type Statistics = Static<typeof Statistics>

/** What a cross-table can put in its rows or columns; 'answer:<question id>' is a closing-form question. */
export const CrossDimension = Type.String({
  pattern: '^(door|category|language|caller|risk|mediator|answer:[a-z0-9-]{1,40})$',
})
export type CrossDimension = Static<typeof CrossDimension>

export const CrossTableQuery = Type.Object(
  {
    rows: CrossDimension,
    columns: CrossDimension,
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    /** Only these conversations: of one door (its id), language, category, or with a flag of this kind. */
    door: Type.Optional(Type.String({ format: 'uuid' })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$' })),
    flag: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
  },
  { additionalProperties: false },
)
export type CrossTableQuery = Static<typeof CrossTableQuery>

/** One row or column: its key (an id, a language, 'none' where the conversation has none) and label. */
const CrossHeading = Type.Object({
  key: Type.String(),
  /** From the settings (a category, an answer); null for the rest, which the reader's words name by key. */
  label: Type.Union([LocalizedText, Type.Null()]),
  /** A door's own name. */
  name: Type.Union([Type.String(), Type.Null()]),
})

/** Conversations counted in each cell, per row and column, and all of them; a conversation with two categories counts in both. */
const CrossCounts = Type.Object({
  cells: Type.Array(Type.Array(Cell)),
  rowTotals: Type.Array(Cell),
  columnTotals: Type.Array(Cell),
  total: Cell,
})

export const CrossTable = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
  minimumCell: Type.Integer({ minimum: 5 }),
  language: Type.String(),
  rows: Type.Array(CrossHeading),
  columns: Type.Array(CrossHeading),
  counts: CrossCounts,
  /** The same days just before (as many), on the same rows and columns. */
  previous: Type.Object({ from: Day, to: Day, counts: CrossCounts }),
})
export type CrossTable = Static<typeof CrossTable>
