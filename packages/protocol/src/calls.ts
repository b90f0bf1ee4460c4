// A phone call as the console shows it, in the caller's conversation: never the caller's number,
// never an operator's own phone.
import Type, { type Static } from 'typebox'

/** How a call ended: `ringing` while it has not; `abandoned`: the caller hung up while phones rang. */
export const CallOutcome = Type.Union([
  Type.Literal('ringing'),
  Type.Literal('answered'),
  Type.Literal('unanswered'),
  Type.Literal('voicemail'),
  Type.Literal('refused'),
  Type.Literal('abandoned'),
])
export type CallOutcome = Static<typeof CallOutcome>

export const CallSummary = Type.Object({
  outcome: CallOutcome,
  /** answered and still under way */
  live: Type.Boolean(),
  startedAt: Type.String({ format: 'date-time' }),
  /** how long the caller waited until answered, the phones gave up, or they hung up */
  ringSeconds: Type.Union([Type.Integer(), Type.Null()]),
  /** how long the talk with the operator lasted (once ended) */
  talkSeconds: Type.Union([Type.Integer(), Type.Null()]),
  answeredBy: Type.Union([
    Type.Object({ id: Type.String({ format: 'uuid' }), displayName: Type.String() }),
    Type.Null(),
  ]),
})
export type CallSummary = Static<typeof CallSummary>

/** The signed-in operator's own phone, where the helplines' calls ring (null: none). */
export const OwnPhone = Type.Object({ phone: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]) })
export type OwnPhone = Static<typeof OwnPhone>

/** Who is on a call now, in one helpline. */
export const LiveCalls = Type.Object({
  calls: Type.Array(
    Type.Object({
      operator: Type.Object({ id: Type.String({ format: 'uuid' }), displayName: Type.String() }),
      since: Type.String({ format: 'date-time' }),
    }),
  ),
})
export type LiveCalls = Static<typeof LiveCalls>
