// The statistics a supervisor reads: counts from the anonymous facts of closed conversations
// (conversation_fact), which outlive retention and erasure. Nothing here names a person, and
// nothing lists one conversation: every figure is a count, a median or an average over a period.
import Type, { type Static } from 'typebox'
import { LocalizedText } from './helpline-settings.ts'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Count = Type.Integer({ minimum: 0 })
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
  closed: Count,
  /** How many answered the survey (a skip is no answer). */
  answered: Count,
  firstResponse: Times,
  duration: Times,
  /** Ended by the person before anyone of the line answered ("ended before an answer"). */
  abandoned: Count,
  /** How long those people had waited. */
  abandonedWait: Times,
}

/** A category or answer by its id; label null once the id is no longer in the settings. */
const Counted = Type.Object({
  id: Type.String(),
  label: Type.Union([LocalizedText, Type.Null()]),
  count: Count,
})

/** The calls of a door (or all doors), by the day they started: how each ended, and how long. */
export const CallCounts = Type.Object({
  channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  channelName: Type.Union([Type.String(), Type.Null()]),
  calls: Count,
  answered: Count,
  unanswered: Count,
  voicemail: Count,
  refused: Count,
  /** the caller hung up while the phones rang */
  abandoned: Count,
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
  opened: Count,
  closed: Count,
  duration: Times,
  contacts: PerCase,
  conversations: PerCase,
  outcomes: Type.Array(Type.Object({ outcome: Type.String(), count: Count })),
})
export type CaseCounts = Static<typeof CaseCounts>

/**
 * Referrals sent or received in the period with one partner, from referral_fact: how many, in
 * which state they stand, and how long until taken in charge (the median, in seconds).
 */
export const ReferralCounts = Type.Object({
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  partner: Type.String(),
  total: Count,
  states: Type.Array(Type.Object({ state: Type.String(), count: Count })),
  inChargeMedianSeconds: Type.Union([Type.Integer(), Type.Null()]),
})
export type ReferralCounts = Static<typeof ReferralCounts>

export const Statistics = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
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
  withoutCategory: Count,
  /** Per closing-form question (as for categories: the settings' first, then removed ones). */
  closingForm: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.Union([LocalizedText, Type.Null()]),
      answers: Type.Array(Counted),
      /** Conversations closed without an answer to this question. */
      unanswered: Count,
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
        count: Count,
      }),
    ),
  }),
  /** Reports from the form received in the period (by the helpline's day), per answer to its choice and yes/no questions. */
  reports: Type.Object({
    total: Count,
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
