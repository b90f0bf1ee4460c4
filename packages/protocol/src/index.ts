// What crosses to the browser: REST bodies and socket events shared by the server, the console
// and the widget. Response schemas are allow-lists: a field that is not here never leaves the server.
// The browser apps import only types from here (erased at build time), so no validator ships to them.
import Type, { type Static } from 'typebox'
import { CallSummary } from './calls.ts'
import type { CaseChange } from './cases.ts'
import { PresenceConversationFields } from './conversation-life.ts'
import { DeliveryRuleFields, MessageMediaFields } from './delivery.ts'
import { contactHistoryOf, type DeskConsoleEvents, DeskConversationFields, roomViewOf } from './desk.ts'
import type { MediationConsoleEvents } from './mediation.ts'
import { PasskeyAssertion } from './passkeys.ts'
import type { ReferralChange } from './referrals.ts'
import type { RevealRequestChange } from './team.ts'
import { WidgetPrechatAnswers, WidgetPrechatInfo, WidgetSurveyInfo } from './widget-session.ts'

export const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })

export const Role = Type.Union([
  Type.Literal('volunteer'),
  Type.Literal('supervisor'),
  Type.Literal('coordinator'),
])
export type Role = Static<typeof Role>
/** A membership's role: staff, or a mediator (mediation.ts), who is no staff on any staff route. */
export const MemberRole = Type.Union([...Role.anyOf, Type.Literal('mediator')])
export type MemberRole = Static<typeof MemberRole>

export const MessageDirection = Type.Union([
  Type.Literal('inbound'),
  Type.Literal('outbound'),
  Type.Literal('note'),
])
export const MessageStatus = Type.Union([
  Type.Literal('received'),
  /** written while the channel's reply window was closed: goes when the person writes again */
  Type.Literal('held'),
  Type.Literal('queued'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('read'),
  Type.Literal('failed'),
])
export type MessageStatus = Static<typeof MessageStatus>
export const ConversationStatus = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('open'),
  Type.Literal('closed'),
])

/** Longest text a person or a volunteer can send in one message (WhatsApp's own limit is 4,096). */
export const MAX_TEXT_LENGTH = 4096

// ---- console: session ----

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    /** The second step: a code from the authenticator app (6 digits) or a recovery code. */
    code: Type.Optional(Type.String({ pattern: '^(\\d{6}|[0-9a-f]{4}(-[0-9a-f]{4}){4})$' })),
    /** Or, in place of the code, a passkey's answer to the challenge the server handed out. */
    passkey: Type.Optional(PasskeyAssertion),
  },
  { additionalProperties: false },
)
export type SignInBody = Static<typeof SignInBody>

export const Membership = Type.Object({ helplineId: Uuid, helplineName: Type.String(), role: MemberRole })
export type Membership = Static<typeof Membership>

export const SessionView = Type.Object({
  user: Type.Object({
    id: Uuid,
    displayName: Type.String(),
    email: Type.String(),
    isAdmin: Type.Boolean(),
    locale: Type.String(),
  }),
  memberships: Type.Array(Membership),
  /** enrolled: a second factor is in force; mustEnrol: this session may only set one up. */
  secondFactor: Type.Object({
    enrolled: Type.Boolean(),
    required: Type.Boolean(),
    mustEnrol: Type.Boolean(),
  }),
})
export type SessionView = Static<typeof SessionView>

// ---- console: conversations ----

export const ConversationView = Type.Object({
  id: Uuid,
  helplineId: Uuid,
  channelKind: Type.String(),
  contactPseudonym: Type.Integer(),
  status: ConversationStatus,
  assignee: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  openedAt: Timestamp,
  lastMessageAt: Timestamp,
  /** When it must be answered by, from the helpline's hours: the queue is ordered by it. */
  dueAt: Type.Union([Timestamp, Type.Null()]),
  /** The first line of the newest message from the person that is not hidden, shortened. */
  preview: Type.String(),
  /** That newest message is a voicemail: its length (null: not known); its text is the transcription. */
  previewVoicemail: Type.Union([
    Type.Object({ durationSeconds: Type.Union([Type.Integer(), Type.Null()]) }),
    Type.Null(),
  ]),
  /** The language it is held in (ISO 639 code: detected, or chosen); null: not known yet. */
  language: Type.Union([Type.String(), Type.Null()]),
  /** It holds a call or a voicemail: people know this door as the phone, not by its texts (SMS). */
  byPhone: Type.Boolean(),
  ...DeskConversationFields,
  ...DeliveryRuleFields,
  /** Pushed to a console that has it neither open nor assigned: its preview left out (read it over the API). */
  withheld: Type.Optional(Type.Literal(true)),
  ...PresenceConversationFields,
})
export type ConversationView = Static<typeof ConversationView>

/** Why a message was hidden and not answered: the categories the helplines' policies name. */
export const HideReason = Type.Union([
  Type.Literal('offensive'),
  Type.Literal('threatening'),
  Type.Literal('vulgar'),
  Type.Literal('discriminatory'),
  Type.Literal('spam'),
  Type.Literal('political'),
  Type.Literal('unlawful'),
  Type.Literal('personal_data'),
  Type.Literal('blocked'),
])
export type HideReason = Static<typeof HideReason>

export const MessageView = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  direction: MessageDirection,
  kind: Type.String(),
  text: Type.String(),
  status: MessageStatus,
  author: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  createdAt: Timestamp,
  errorCode: Type.Union([Type.String(), Type.Null()]),
  /** Matched the helpline's word list: a suggestion, a person decides. */
  flagged: Type.Boolean(),
  /** Hidden and not answered; the text is then shown to supervisors only. */
  hidden: Type.Union([Type.Object({ reason: HideReason }), Type.Null()]),
  ...MessageMediaFields,
  /** A message of kind 'call': the call's record. */
  call: Type.Optional(CallSummary),
  /** Pushed to a console that has its conversation neither open nor assigned: its text left out. */
  withheld: Type.Optional(Type.Literal(true)),
})
export type MessageView = Static<typeof MessageView>

export const QueueQuery = Type.Object(
  {
    helplineId: Type.Optional(Uuid),
    status: Type.Optional(Type.Union([Type.Literal('waiting'), Type.Literal('open'), Type.Literal('mine')])),
  },
  { additionalProperties: false },
)
export type QueueQuery = Static<typeof QueueQuery>

export const ConversationList = Type.Object({ conversations: Type.Array(ConversationView) })
export type ConversationList = Static<typeof ConversationList>

export const ConversationDetail = Type.Object({
  conversation: ConversationView,
  messages: Type.Array(MessageView),
  /** Since when the person is exempt from retention by a legal hold in force; null when not. */
  legalHoldAt: Type.Union([Timestamp, Type.Null()]),
  /** Until when that hold protects them, unless renewed; null when there is none in force. */
  legalHoldUntil: Type.Union([Timestamp, Type.Null()]),
  /** The person's block while it lasts: until when (null: until someone lifts it); null when not blocked. */
  blocked: Type.Union([Type.Object({ until: Type.Union([Timestamp, Type.Null()]) }), Type.Null()]),
})
export type ConversationDetail = Static<typeof ConversationDetail>

/** The person's other conversations with the helpline, and the supervisor's room (desk.ts). */
export const ContactHistory = contactHistoryOf(ConversationView)
export type ContactHistory = Static<typeof ContactHistory>
export const RoomView = roomViewOf(ConversationView)
export type RoomView = Static<typeof RoomView>

export const ReplyBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }) },
  { additionalProperties: false },
)
export type ReplyBody = Static<typeof ReplyBody>

export const HideBody = Type.Object({ reason: HideReason }, { additionalProperties: false })
export type HideBody = Static<typeof HideBody>

export const BlockBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    /** How long; null: until a supervisor lifts it. */
    days: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]),
    /** Send the helpline's blocking notice first (e.g. "this number is personal: use your own"). */
    sendNotice: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type BlockBody = Static<typeof BlockBody>

export const LegalHoldBody = Type.Object(
  {
    on: Type.Boolean(),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    /** Its end, putting it on or renewing it (within five years); default: a year from now. */
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
)
export type LegalHoldBody = Static<typeof LegalHoldBody>

export const FileProblem = Type.Object({
  line: Type.Integer(),
  column: Type.String(),
  problem: Type.String(),
})
export type FileProblem = Static<typeof FileProblem>

/** A helpline's legal holds, the soonest to end first; `ends_soon`: within 30 days; `ended`: no longer protecting. */
export const LegalHoldList = Type.Object({
  holds: Type.Array(
    Type.Object({
      conversationId: Uuid,
      contactPseudonym: Type.Integer(),
      since: Timestamp,
      until: Timestamp,
      state: Type.Union([Type.Literal('in_force'), Type.Literal('ends_soon'), Type.Literal('ended')]),
    }),
  ),
})
export type LegalHoldList = Static<typeof LegalHoldList>

export const ErrorView = Type.Object({
  code: Type.String(),
  message: Type.String(),
  /** Every problem of a rejected file, each naming its field. */
  problems: Type.Optional(Type.Array(Type.String())),
  /** Every problem of a rejected imported file (a CSV), by line (1 is the header) and column. */
  fileProblems: Type.Optional(Type.Array(FileProblem)),
})
export type ErrorView = Static<typeof ErrorView>

/** Events the server pushes to a console (namespace `/console`). */
export type ConsoleEvents = DeskConsoleEvents &
  MediationConsoleEvents & {
    'conversation.updated': (conversation: ConversationView) => void
    /** Gone for good (the person was erased): no longer in any list. */
    'conversation.removed': (removed: { conversationIds: string[] }) => void
    'message.created': (message: MessageView) => void
    'message.updated': (message: MessageView) => void
    /** Whether the instance the console is on reaches its database (nothing moves while it does not). */
    'service.state': (state: { database: 'reachable' | 'unreachable' }) => void
    'reveal-request.updated': (change: RevealRequestChange) => void
    'case.changed': (change: CaseChange) => void
    /** A referral arrived or changed state: to the consoles of both helplines, ids and states only. */
    'referral.changed': (change: ReferralChange) => void
    /** A call-back was asked for, scheduled or tried: open desks read the call-back list again. */
    'callbacks.changed': (change: { helplineId: string }) => void
    /** A coordinator changed the helpline's settings or canned replies: open consoles read the desk again. */
    'desk.changed': (change: { helplineId: string }) => void
  }

// ---- widget ----

/** A visitor's secret: 32 random bytes, base64url, made by the widget and kept in session storage only. */
export const VisitorToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })

/** A language the person may choose in the widget (the helpline's languages are two-letter codes). */
const WidgetLanguage = Type.String({ pattern: '^[a-z]{2}$' })

export const WidgetInfo = Type.Object({
  helplineName: Type.String(),
  locale: Type.String(),
  /** The helpline's languages, its main one first: the widget offers those it has words for. */
  languages: Type.Array(Type.String()),
  /** Whether the helpline's opening hours include now. */
  open: Type.Boolean(),
  /** When closed, when it opens next, as a phrase in the helpline's main language ("domani dalle 18:00"). */
  nextOpening: Type.Union([Type.String(), Type.Null()]),
  /** The same instant, for a widget in another language to say in its own words. */
  nextOpeningAt: Type.Union([Timestamp, Type.Null()]),
  ...WidgetPrechatInfo,
  ...WidgetSurveyInfo,
})
export type WidgetInfo = Static<typeof WidgetInfo>

export const WidgetMessageBody = Type.Object(
  {
    /** Made by the widget for each message, so a resend after a lost answer is stored once. */
    clientId: Uuid,
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }),
    prechat: Type.Optional(WidgetPrechatAnswers),
    /** The language the widget shows: the conversation's, unless an operator set one. */
    language: Type.Optional(WidgetLanguage),
  },
  { additionalProperties: false },
)
export type WidgetMessageBody = Static<typeof WidgetMessageBody>

/** The person chose another language in the widget during the conversation. */
export const WidgetLanguageBody = Type.Object({ language: WidgetLanguage }, { additionalProperties: false })
export type WidgetLanguageBody = Static<typeof WidgetLanguageBody>
/** Whether a conversation under way now has that language (none: it takes it with the next message). */
export const WidgetLanguageSet = Type.Object({ changed: Type.Boolean() })
export type WidgetLanguageSet = Static<typeof WidgetLanguageSet>

export const WidgetMessage = Type.Object({
  id: Uuid,
  /** The widget's own id for the person's messages, so it can match what it sent. */
  clientId: Type.Union([Type.String(), Type.Null()]),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
  text: Type.String(),
  createdAt: Timestamp,
  /** Written by a person of the line, not an automatic reply. */
  fromLine: Type.Boolean(),
})
export type WidgetMessage = Static<typeof WidgetMessage>

export const WidgetTranscript = Type.Object({
  messages: Type.Array(WidgetMessage),
  /** The last conversation was closed and its survey waits for the person (missed while offline). */
  surveyDue: Type.Boolean(),
  /** Someone of the line is with the person (taken, assigned, or wrote to them lately). */
  attended: Type.Boolean(),
})
export type WidgetTranscript = Static<typeof WidgetTranscript>

/** Events the server pushes to a widget (namespace `/widget`). */
/**
 * Where a waiting person stands: their place, and the expected wait in minutes where the operators
 * on shift and their recent handling times can keep it; else when the helpline's rules answer by.
 */
export const WidgetWait = Type.Object({
  place: Type.Integer({ minimum: 1 }),
  minutes: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  answerBy: Type.Union([Type.String(), Type.Null()]),
})
export type WidgetWait = Static<typeof WidgetWait>

export type WidgetEvents = {
  message: (message: WidgetMessage) => void
  /** A volunteer is writing (true) or stopped (false). */
  typing: (typing: boolean) => void
  /** The helpline has read the person's messages up to this one. */
  seen: (messageId: string) => void
  /** The conversation was closed by the helpline: show the survey. */
  survey: () => void
  /** The person's place in the queue and expected wait, as the queue moves; null: not waiting (or not shown). */
  wait: (wait: WidgetWait | null) => void
}
export * from './callbacks.ts'
export * from './calls.ts'
export * from './cases.ts'
export * from './contact-links.ts'
export * from './conversation-life.ts'
export * from './delivery.ts'
export * from './desk.ts'
export * from './directory.ts'
export * from './helpline-settings.ts'
export * from './languages.ts'
export * from './mediation.ts'
export * from './partners.ts'
export * from './passkeys.ts'
export * from './referrals.ts'
export * from './report-form.ts'
export * from './rota.ts'
export * from './statistics.ts'
export * from './statistics-charts.ts'
export * from './team.ts'
export * from './widget-session.ts'
