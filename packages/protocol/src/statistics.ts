// The statistics a supervisor reads: counts from the anonymous facts of closed conversations
// (conversation_fact), which outlive retention and erasure. Nothing here names a person.
import Type, { type Static } from 'typebox'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const StatisticsQuery = Type.Object(
  {
    /** First and last day (the helpline's own dates) the conversations closed on; default: the last 30 days. */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
)
export type StatisticsQuery = Static<typeof StatisticsQuery>

export const SurveyStatistics = Type.Object({
  helplineId: Type.String({ format: 'uuid' }),
  from: Day,
  to: Day,
  /** The survey's questions as the helpline has them now (answers to removed questions are not shown). */
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('scale'), Type.Literal('yesNo')]),
      text: Type.Record(Type.String(), Type.String()),
    }),
  ),
  /** Per door: conversations closed in the period, and how many of them answered the survey. */
  channels: Type.Array(
    Type.Object({
      channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      channelName: Type.Union([Type.String(), Type.Null()]),
      channelKind: Type.String(),
      closed: Type.Integer(),
      answered: Type.Integer(),
    }),
  ),
  /** How many gave each answer ('1'…'5', 'yes', 'no') to each question, per door. */
  counts: Type.Array(
    Type.Object({
      channelId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      questionId: Type.String(),
      answer: Type.String(),
      count: Type.Integer(),
    }),
  ),
})
export type SurveyStatistics = Static<typeof SurveyStatistics>
