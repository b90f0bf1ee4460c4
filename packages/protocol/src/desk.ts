// The desk's payloads: canned replies, notes, the closing form, transfers, the call for the
// supervisor and safeguarding flags. Allow-lists like the rest: what is not here never leaves.
import Type, { type Static, type TSchema } from 'typebox'
import { DeskSettings } from './helpline-settings.ts'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const ItemId = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })
const Person = Type.Object({ id: Uuid, displayName: Type.String() })
const Strict = { additionalProperties: false } as const

// ---- canned replies ----

export const CannedShortcut = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' })

export const CannedReplyBody = Type.Object(
  {
    shortcut: CannedShortcut,
    title: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.String({ minLength: 1, maxLength: 4096 }),
  },
  Strict,
)
export type CannedReplyBody = Static<typeof CannedReplyBody>

export const CannedReply = Type.Object({
  id: Uuid,
  helplineId: Uuid,
  shortcut: Type.String(),
  title: Type.String(),
  text: Type.String(),
})
export type CannedReply = Static<typeof CannedReply>

export const CannedReplyList = Type.Object({ cannedReplies: Type.Array(CannedReply) })
export type CannedReplyList = Static<typeof CannedReplyList>

// ---- what the desk needs to know of a helpline ----

const Role = Type.Union([Type.Literal('volunteer'), Type.Literal('supervisor'), Type.Literal('coordinator')])

// ---- availability ----

export const Availability = Type.Union([
  Type.Literal('available'),
  Type.Literal('away'),
  Type.Literal('offline'),
])
export type Availability = Static<typeof Availability>

export const AvailabilityBody = Type.Object({ availability: Availability }, Strict)
export type AvailabilityBody = Static<typeof AvailabilityBody>

/** Someone else of the helpline, as a transfer offers them and the supervisor's room shows them. */
export const Colleague = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  role: Role,
  availability: Availability,
  /** Has a session that has not expired. */
  signedIn: Type.Boolean(),
  /** Conversations open in their hands. */
  load: Type.Integer({ minimum: 0 }),
})
export type Colleague = Static<typeof Colleague>

/** For any member: the helpline's desk settings, its canned replies and who else works there. */
export const DeskSetup = Type.Object({
  helplineId: Uuid,
  languages: Type.Array(Type.String()),
  desk: DeskSettings,
  cannedReplies: Type.Array(CannedReply),
  colleagues: Type.Array(Colleague),
  /** Revealing a person's address takes a request a supervisor approves (the helpline's security). */
  revealNeedsApproval: Type.Boolean(),
  /** The text doors (channel kinds) the survey goes through: there a volunteer asks the person's yes first. */
  surveyDoors: Type.Array(Type.String()),
})
export type DeskSetup = Static<typeof DeskSetup>

// ---- closing, notes, transfers ----

export const CloseBody = Type.Object(
  {
    categories: Type.Optional(Type.Array(ItemId, { maxItems: 20, uniqueItems: true })),
    /** Question id → option id, from the helpline's closing form. */
    outcome: Type.Optional(Type.Record(ItemId, ItemId)),
  },
  Strict,
)
export type CloseBody = Static<typeof CloseBody>

export const TransferBody = Type.Object({ toUserId: Uuid, note: Type.String({ maxLength: 2000 }) }, Strict)
export type TransferBody = Static<typeof TransferBody>

// ---- risk ----

/** A conversation's risk, lowest first: the highest of its flags, word-list hits and triage. */
export const RISK_LEVELS = ['none', 'medium', 'high', 'imminent'] as const
export const RiskLevel = Type.Union([
  Type.Literal('none'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('imminent'),
])
export type RiskLevel = Static<typeof RiskLevel>

/** A volunteer's correction of a conversation's level. */
export const RiskCorrectionBody = Type.Object({ level: RiskLevel }, Strict)
export type RiskCorrectionBody = Static<typeof RiskCorrectionBody>

// ---- safeguarding ----

/** What a volunteer raises by hand. */
export const RaisableFlagKind = Type.Union([Type.Literal('minor_at_risk'), Type.Literal('imminent_risk')])
export type RaisableFlagKind = Static<typeof RaisableFlagKind>
/** Beside those, opening an emergency take-in raises its own flag, alerting the same way. */
export const SafeguardingKind = Type.Union([...RaisableFlagKind.anyOf, Type.Literal('emergency_take_in')])
export type SafeguardingKind = Static<typeof SafeguardingKind>

export const RaiseFlagBody = Type.Object(
  { kind: RaisableFlagKind, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  Strict,
)
export type RaiseFlagBody = Static<typeof RaiseFlagBody>

export const TickStepBody = Type.Object({ contacted: Type.Optional(Type.String({ maxLength: 500 })) }, Strict)
export type TickStepBody = Static<typeof TickStepBody>

/** What every console of the helpline is told at once: no reason, no text. */
export const FlagAlert = Type.Object({
  id: Uuid,
  helplineId: Uuid,
  conversationId: Uuid,
  contactPseudonym: Type.Integer(),
  kind: SafeguardingKind,
  raisedBy: Type.Union([Person, Type.Null()]),
  raisedAt: Timestamp,
  acknowledgedBy: Type.Union([Person, Type.Null()]),
  acknowledgedAt: Type.Union([Timestamp, Type.Null()]),
})
export type FlagAlert = Static<typeof FlagAlert>

/** A flag as read in its conversation: why, and the playbook's steps as ticked. */
export const FlagView = Type.Object({
  ...FlagAlert.properties,
  reason: Type.String(),
  steps: Type.Array(
    Type.Object({
      stepId: Type.String(),
      doneBy: Type.Union([Person, Type.Null()]),
      doneAt: Timestamp,
      contacted: Type.String(),
    }),
  ),
})
export type FlagView = Static<typeof FlagView>

export const FlagList = Type.Object({ flags: Type.Array(FlagView) })
export type FlagList = Static<typeof FlagList>

export const FlagAlertList = Type.Object({ flags: Type.Array(FlagAlert) })
export type FlagAlertList = Static<typeof FlagAlertList>

/** A volunteer asked a supervisor to join; pushed to the helpline's consoles. */
export const HelpRequest = Type.Object({
  conversationId: Uuid,
  helplineId: Uuid,
  contactPseudonym: Type.Integer(),
  requestedBy: Person,
})
export type HelpRequest = Static<typeof HelpRequest>

/** Told to the volunteer a conversation is assigned to when someone else (a supervisor) blocks its person. */
export const BlockNotice = Type.Object({
  conversationId: Uuid,
  helplineId: Uuid,
  contactPseudonym: Type.Integer(),
  blockedBy: Person,
  /** Until when; null: until a supervisor lifts it. */
  until: Type.Union([Timestamp, Type.Null()]),
})
export type BlockNotice = Static<typeof BlockNotice>

/** The desk's events on the console socket (beside the conversations' and messages'). */
export type DeskConsoleEvents = {
  'flag.updated': (flag: FlagAlert) => void
  'help.requested': (request: HelpRequest) => void
  /** To the assigned volunteer's consoles alone. */
  'contact.blocked': (notice: BlockNotice) => void
}

/** What the desk adds to a conversation as every list shows it. */
export const DeskConversationFields = {
  /** A volunteer asked a supervisor to join, and none has yet. */
  helpRequested: Type.Boolean(),
  /** The highest of its flags, word-list hits and triaged messages, or a volunteer's correction: the queue and the room put the highest first. */
  riskLevel: RiskLevel,
  /** Its safeguarding flags, oldest first. */
  flags: Type.Array(Type.Object({ kind: SafeguardingKind, acknowledged: Type.Boolean() })),
  /** How many earlier conversations of this person with this helpline are still kept (within retention). */
  earlierConversations: Type.Integer({ minimum: 0 }),
  /** The person's messages since the handler last read the conversation. */
  unread: Type.Integer({ minimum: 0 }),
  /** Clinical review: asked for (by the volunteer or the helpline's rule), or signed off. */
  review: Type.Union([Type.Literal('requested'), Type.Literal('signed_off'), Type.Null()]),
}

// ---- the person's history, the supervisor's room ----
// Built around the protocol's ConversationView, which index.ts passes in (it imports this file).

export const contactHistoryOf = <C extends TSchema>(conversation: C) =>
  Type.Object({
    conversations: Type.Array(Type.Object({ conversation, categories: Type.Array(Type.String()) })),
  })

export const roomViewOf = <C extends TSchema>(conversation: C) =>
  Type.Object({
    helplineId: Uuid,
    conversations: Type.Array(conversation),
    operators: Type.Array(Colleague),
  })

// ---- clinical supervision ----

export const ReviewRequestBody = Type.Object({ note: Type.String({ maxLength: 2000 }) }, Strict)
export type ReviewRequestBody = Static<typeof ReviewRequestBody>

export const SignOffBody = Type.Object({ feedback: Type.String({ minLength: 1, maxLength: 4000 }) }, Strict)
export type SignOffBody = Static<typeof SignOffBody>

export const ReviewView = Type.Object({
  conversationId: Uuid,
  helplineId: Uuid,
  contactPseudonym: Type.Integer(),
  /** Who handled the conversation when it closed. */
  handler: Type.Union([Person, Type.Null()]),
  cause: Type.Union([Type.Literal('volunteer'), Type.Literal('flagged')]),
  requestedBy: Type.Union([Person, Type.Null()]),
  requestedAt: Timestamp,
  request: Type.String(),
  reviewer: Type.Union([Person, Type.Null()]),
  feedback: Type.String(),
  signedOffAt: Type.Union([Timestamp, Type.Null()]),
})
export type ReviewView = Static<typeof ReviewView>

export const ReviewList = Type.Object({ reviews: Type.Array(ReviewView) })
export type ReviewList = Static<typeof ReviewList>
