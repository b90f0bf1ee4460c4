// The widget's session beyond messages: what it asks before the chat, how the person ends it,
// and the typing / seen signals over the `/widget` and `/console` sockets.
import Type, { type Static } from 'typebox'

const Id = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })
const Texts = Type.Record(Type.String({ pattern: '^[a-z]{2}$' }), Type.String())

/** One question before the chat, in every language the helpline wrote it in. */
export const WidgetQuestion = Type.Object({
  id: Id,
  label: Texts,
  options: Type.Array(Type.Object({ id: Id, label: Texts })),
  required: Type.Boolean(),
})
export type WidgetQuestion = Static<typeof WidgetQuestion>

/** What the widget must show before the first message; the policy only when it must be accepted. */
export const WidgetPrechatInfo = {
  /** The conversation may survive a reload in session storage (the helpline may turn it off). */
  keepSession: Type.Boolean(),
  policy: Type.Union([Type.Object({ url: Type.String(), version: Type.String() }), Type.Null()]),
  questions: Type.Array(WidgetQuestion),
}

/** The survey after the conversation closes, as the widget shows it; null: this door has none. */
export const WidgetSurveyInfo = {
  survey: Type.Union([
    Type.Array(
      Type.Object({
        id: Id,
        kind: Type.Union([Type.Literal('scale'), Type.Literal('yesNo')]),
        text: Texts,
      }),
    ),
    Type.Null(),
  ]),
}

/** The person's answers (question id → 1–5 or yes/no); what they skipped is absent, none: skipped. Nothing free-text. */
export const WidgetSurveyBody = Type.Object(
  {
    answers: Type.Record(Id, Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Boolean()]), {
      maxProperties: 3,
    }),
  },
  { additionalProperties: false },
)
export type WidgetSurveyBody = Static<typeof WidgetSurveyBody>
export const WidgetSurveyRecorded = Type.Object({ recorded: Type.Literal(true) })
export type WidgetSurveyRecorded = Static<typeof WidgetSurveyRecorded>

/** Sent with the person's first message: their answers (question id → option id), the policy accepted. */
export const WidgetPrechatAnswers = Type.Object(
  {
    answers: Type.Record(Id, Id, { maxProperties: 5 }),
    policyVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
)
export type WidgetPrechatAnswers = Static<typeof WidgetPrechatAnswers>

export const WidgetEnded = Type.Object({ ended: Type.Boolean() })
export type WidgetEnded = Static<typeof WidgetEnded>

/** Events the widget sends on its socket. */
export type WidgetClientEvents = {
  /** The person is writing (true) or stopped (false). */
  typing: (typing: boolean) => void
  /** The person has seen the helpline's messages up to this one. */
  seen: (messageId: string) => void
}

/** A visitor's typing or seen signal, as the consoles of the helpline hear it. */
export type VisitorSignal = { conversationId: string; typing?: boolean; seenMessageId?: string }
/** An operator's typing or seen signal for one conversation, sent from the console. */
export type OperatorSignal = { conversationId: string; typing?: boolean; seenMessageId?: string }
