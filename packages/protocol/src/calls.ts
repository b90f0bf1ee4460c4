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

/** A mediator called into a call, as its record shows them: a label, never a number. */
export const CallMediatorOnLine = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String(),
  /** calling: their phone rings; on-line: in the call; left: was in it; unreached: never answered */
  status: Type.Union([
    Type.Literal('calling'),
    Type.Literal('on-line'),
    Type.Literal('left'),
    Type.Literal('unreached'),
  ]),
  joinedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** how long they were in the call, once they left */
  seconds: Type.Union([Type.Integer(), Type.Null()]),
})
export type CallMediatorOnLine = Static<typeof CallMediatorOnLine>

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
  /** the mediators called into the call, in order */
  mediators: Type.Array(CallMediatorOnLine),
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

const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$' })

/**
 * A cultural mediator or interpreter the helpline can call into a phone call: a label that is not
 * a name, the languages; `phone` only for coordinators, who keep the list (staff data, sealed).
 */
export const CallMediator = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String(),
  languages: Type.Array(LanguageCode),
  phone: Type.Optional(Type.String()),
  /** The mediator's console account (a member with the mediator role), alerted for written conversations; coordinators only. */
  accountId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
})
export type CallMediator = Static<typeof CallMediator>

export const CallMediators = Type.Object({ mediators: Type.Array(CallMediator) })
export type CallMediators = Static<typeof CallMediators>

export const CallMediatorInput = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 80 }),
    languages: Type.Array(LanguageCode, { minItems: 1, maxItems: 20 }),
    phone: Type.String({ minLength: 5, maxLength: 32 }),
    accountId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type CallMediatorInput = Static<typeof CallMediatorInput>

/** An operator calls a mediator of the list into the live call. */
export const AddCallMediator = Type.Object(
  { mediatorId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)
export type AddCallMediator = Static<typeof AddCallMediator>
