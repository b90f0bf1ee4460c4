// Cultural mediators in a written conversation: the operator asks for one by language, a mediator
// of that language joins, writes to the person under a title (never a name) and privately to the
// operator, and leaves when the conversation closes or the operator removes them.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$' })

/** How a mediator signs to the person: "Mediatrice" or "Mediatore", their choice. */
export const MediatorTitle = Type.Union([Type.Literal('mediatrice'), Type.Literal('mediatore')])
export type MediatorTitle = Static<typeof MediatorTitle>

export const RequestMediatorBody = Type.Object({ language: LanguageCode }, { additionalProperties: false })
export type RequestMediatorBody = Static<typeof RequestMediatorBody>

/** A conversation's mediation as the staff see it: asked for, or with a mediator in it. */
export const MediationView = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  language: LanguageCode,
  requestedAt: Timestamp,
  /** Null: no mediator has joined yet (the mediators of the language are alerted). */
  mediator: Type.Union([
    Type.Object({ id: Uuid, displayName: Type.String(), title: MediatorTitle, joinedAt: Timestamp }),
    Type.Null(),
  ]),
})
export type MediationView = Static<typeof MediationView>

export const ConversationMediation = Type.Object({ mediation: Type.Union([MediationView, Type.Null()]) })
export type ConversationMediation = Static<typeof ConversationMediation>

/** A request a mediator may answer: the language and the helpline, nothing of the person. */
export const MediationRequest = Type.Object({
  id: Uuid,
  helplineName: Type.String(),
  language: LanguageCode,
  requestedAt: Timestamp,
})
export type MediationRequest = Static<typeof MediationRequest>

/** The mediator's console: their title, the requests of their languages, the conversations they are in. */
export const MediatorDesk = Type.Object({
  title: MediatorTitle,
  requests: Type.Array(MediationRequest),
  conversations: Type.Array(
    Type.Object({
      conversationId: Uuid,
      helplineName: Type.String(),
      language: LanguageCode,
      joinedAt: Timestamp,
    }),
  ),
})
export type MediatorDesk = Static<typeof MediatorDesk>

export const MediatorTitleBody = Type.Object({ title: MediatorTitle }, { additionalProperties: false })
export type MediatorTitleBody = Static<typeof MediatorTitleBody>

/** A message as the mediator reads it: who wrote it (a person of the line, or "the person"), never an address. */
export const MediatedMessage = Type.Object({
  id: Uuid,
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound'), Type.Literal('note')]),
  text: Type.String(),
  createdAt: Timestamp,
  author: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
})
export type MediatedMessage = Static<typeof MediatedMessage>

/** The one conversation a mediator is in: its messages, and no history, address, case or queue. */
export const MediatedConversation = Type.Object({
  conversationId: Uuid,
  language: LanguageCode,
  status: Type.Union([Type.Literal('waiting'), Type.Literal('open'), Type.Literal('closed')]),
  operator: Type.Union([Type.Object({ displayName: Type.String() }), Type.Null()]),
  messages: Type.Array(MediatedMessage),
})
export type MediatedConversation = Static<typeof MediatedConversation>

export const MediatorMessageBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    /** true: a note to the operator, which the person never sees. */
    private: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type MediatorMessageBody = Static<typeof MediatorMessageBody>

/** Pushed to a mediator's console and the conversation's staff as a mediation changes. */
export type MediationConsoleEvents = {
  /** Something changed for this mediator (a request of their language, joined, removed): read the desk again. */
  'mediation.changed': (change: { conversationId: string }) => void
  /** A message of a conversation the mediator is in. */
  'mediation.message': (message: MediatedMessage & { conversationId: string }) => void
}
