// Call-back requests: a voicemail left out of hours asks for a call, or a case does, where the
// person agreed to be called. The view carries the person's pseudonym, never their number: that is
// revealed apart, to the roles allowed to call.
import Type, { type Static } from 'typebox'

const Id = Type.String({ format: 'uuid' })
const Time = Type.String({ format: 'date-time' })

export const CallbackStatus = Type.Union([
  /** to call */
  Type.Literal('pending'),
  /** tried, nobody answered: due again at `dueAt` */
  Type.Literal('not_reachable'),
  /** the person was reached */
  Type.Literal('called_back'),
  /** closed without a call (a message said it was no longer needed, a wrong number) */
  Type.Literal('done'),
])
export type CallbackStatus = Static<typeof CallbackStatus>

export const CallbackView = Type.Object({
  id: Id,
  helplineId: Id,
  conversationId: Id,
  /** The voicemail: its text is the transcription, where the provider gave one. Null: a case asked. */
  messageId: Type.Union([Id, Type.Null()]),
  /** The case that asked for the call; null: a voicemail (or a call nobody took) did. */
  caseId: Type.Union([Id, Type.Null()]),
  pseudonym: Type.Integer(),
  status: CallbackStatus,
  attempts: Type.Integer({ minimum: 0 }),
  /** Inside the helpline's next opening hours; after an unanswered try, when to try again. */
  dueAt: Time,
  lastAttemptAt: Type.Union([Time, Type.Null()]),
  createdAt: Time,
  /** The recording was fetched and stored, and can be played. */
  recordingReady: Type.Boolean(),
  /** The recording's length, shown before it is played; null: not known. */
  durationSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
})
export type CallbackView = Static<typeof CallbackView>

export const CallbackList = Type.Object({ callbacks: Type.Array(CallbackView) })
export type CallbackList = Static<typeof CallbackList>

export const CallbackOutcome = Type.Union([
  Type.Literal('called_back'),
  Type.Literal('not_reachable'),
  Type.Literal('done'),
])
export type CallbackOutcome = Static<typeof CallbackOutcome>

export const CallbackOutcomeBody = Type.Object({ outcome: CallbackOutcome }, { additionalProperties: false })
export type CallbackOutcomeBody = Static<typeof CallbackOutcomeBody>
