// Cases ("percorsi di aiuto"): what the console sends and reads. Allow-lists like the rest.
import Type, { type Static } from 'typebox'
import { CallbackStatus } from './callbacks.ts'
import { EmergencyStep } from './helpline-settings.ts'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const Person = Type.Object({ id: Uuid, displayName: Type.String() })
const Strict = { additionalProperties: false } as const

/** How a case ended: a short fixed list, counted in the statistics. */
export const CASE_OUTCOMES = ['goal-reached', 'referred', 'lost-contact', 'declined', 'other'] as const
export type CaseOutcome = (typeof CASE_OUTCOMES)[number]
export const CaseOutcome = Type.Unsafe<CaseOutcome>(Type.Union(CASE_OUTCOMES.map((o) => Type.Literal(o))))

export const CaseStatus = Type.Union([Type.Literal('open'), Type.Literal('on_hold'), Type.Literal('closed')])
export type CaseStatus = Static<typeof CaseStatus>
export const CaseKind = Type.Union([Type.Literal('standard'), Type.Literal('emergency')])
export const CaseEntryKind = Type.Union([
  Type.Literal('note'),
  Type.Literal('goal'),
  Type.Literal('step'),
  Type.Literal('follow_up'),
  Type.Literal('review'),
])
export type CaseEntryKind = Static<typeof CaseEntryKind>

const Relation = Type.String({ maxLength: 80 })

export const OpenCaseBody = Type.Object(
  {
    conversationId: Uuid,
    /** The team's words: the console offers one with no name in it. */
    title: Type.String({ minLength: 1, maxLength: 120 }),
    kind: Type.Optional(CaseKind),
    /** Who the conversation's person is to the person followed; empty: they are the person followed. */
    relation: Type.Optional(Relation),
  },
  Strict,
)
export type OpenCaseBody = Static<typeof OpenCaseBody>

export const AddCaseConversationBody = Type.Object(
  { conversationId: Uuid, relation: Type.Optional(Relation) },
  Strict,
)
export type AddCaseConversationBody = Static<typeof AddCaseConversationBody>

export const AddCaseEntryBody = Type.Object(
  {
    kind: CaseEntryKind,
    text: Type.String({ minLength: 1, maxLength: 4096 }),
    /** A step's goal. */
    goalId: Type.Optional(Uuid),
    /** A follow-up's wished time: moved to the first open hours when the line is closed then. */
    dueAt: Type.Optional(Timestamp),
  },
  Strict,
)
export type AddCaseEntryBody = Static<typeof AddCaseEntryBody>

export const UpdateCaseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    status: Type.Optional(CaseStatus),
    /** Required to close. */
    outcome: Type.Optional(CaseOutcome),
    responsibleId: Type.Optional(Uuid),
    /** Operators of the helpline who work on the case (the responsible one always does). */
    team: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  },
  Strict,
)
export type UpdateCaseBody = Static<typeof UpdateCaseBody>

export const CaseMemberView = Type.Object({
  contactId: Uuid,
  pseudonym: Type.Integer(),
  isSubject: Type.Boolean(),
  relation: Type.Union([Type.String(), Type.Null()]),
  /** The doors the person can be reached on, and when they agreed, in this case, to be written to there. */
  doors: Type.Array(
    Type.Object({
      channelId: Uuid,
      channelKind: Type.String(),
      consentAt: Type.Union([Timestamp, Type.Null()]),
      /** A phone door: with consent there, a call-back can be asked for. */
      callable: Type.Boolean(),
    }),
  ),
})
export type CaseMemberView = Static<typeof CaseMemberView>

export const CaseEntryView = Type.Object({
  id: Uuid,
  kind: CaseEntryKind,
  text: Type.String(),
  goalId: Type.Union([Uuid, Type.Null()]),
  done: Type.Boolean(),
  dueAt: Type.Union([Timestamp, Type.Null()]),
  /** A follow-up not done whose time has passed. */
  overdue: Type.Boolean(),
  author: Type.Union([Person, Type.Null()]),
  doneBy: Type.Union([Person, Type.Null()]),
  doneAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
})
export type CaseEntryView = Static<typeof CaseEntryView>

export const CaseConversationView = Type.Object({
  conversationId: Uuid,
  contactId: Uuid,
  pseudonym: Type.Integer(),
  channelKind: Type.String(),
  status: Type.String(),
  openedAt: Timestamp,
})
export type CaseConversationView = Static<typeof CaseConversationView>

/** A call-back the case asked for: it waits in the call-back list, and its tries show here. */
export const CaseCallbackView = Type.Object({
  id: Uuid,
  /** The person's conversation on the phone door: the number is revealed from it to call. */
  conversationId: Uuid,
  /** The person and their phone door. */
  contactId: Uuid,
  channelId: Uuid,
  pseudonym: Type.Integer(),
  status: CallbackStatus,
  attempts: Type.Integer({ minimum: 0 }),
  dueAt: Timestamp,
  lastAttemptAt: Type.Union([Timestamp, Type.Null()]),
  askedBy: Type.Union([Person, Type.Null()]),
  createdAt: Timestamp,
})
export type CaseCallbackView = Static<typeof CaseCallbackView>

export const CaseSummary = Type.Object({
  id: Uuid,
  helplineId: Uuid,
  kind: CaseKind,
  title: Type.String(),
  status: CaseStatus,
  outcome: Type.Union([CaseOutcome, Type.Null()]),
  responsible: Type.Union([Person, Type.Null()]),
  openedAt: Timestamp,
  closedAt: Type.Union([Timestamp, Type.Null()]),
  /** The earliest follow-up not done. */
  nextFollowUp: Type.Union([Timestamp, Type.Null()]),
  overdue: Type.Boolean(),
})
export type CaseSummary = Static<typeof CaseSummary>

/** A step's value: text or a place, yes or no, the ids of the options chosen, a date and time. */
export const EmergencyValue = Type.Union([
  Type.String({ minLength: 1, maxLength: 2000 }),
  Type.Boolean(),
  Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), { maxItems: 30 }),
])
export type EmergencyValue = Static<typeof EmergencyValue>

export const RecordEmergencyStepBody = Type.Object(
  { stepId: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), value: EmergencyValue },
  Strict,
)
export type RecordEmergencyStepBody = Static<typeof RecordEmergencyStepBody>

/** One recording of a step: what, when, by whom. A later one of the same step corrects it. */
export const EmergencyRecord = Type.Object({
  id: Uuid,
  stepId: Type.String(),
  value: EmergencyValue,
  doneBy: Type.Union([Person, Type.Null()]),
  doneAt: Timestamp,
})
export type EmergencyRecord = Static<typeof EmergencyRecord>

/** An emergency take-in: the helpline's procedure and what was recorded of it, newest first. */
export const EmergencyView = Type.Object({
  procedure: Type.Array(EmergencyStep),
  records: Type.Array(EmergencyRecord),
})
export type EmergencyView = Static<typeof EmergencyView>

export const CaseView = Type.Object({
  ...CaseSummary.properties,
  /** Null for a case that is not an emergency take-in. */
  emergency: Type.Union([EmergencyView, Type.Null()]),
  team: Type.Array(Person),
  members: Type.Array(CaseMemberView),
  conversations: Type.Array(CaseConversationView),
  /** Plan, notes, follow-ups and reviews, newest first. */
  entries: Type.Array(CaseEntryView),
  /** Call-backs asked for from the case, newest first. */
  callbacks: Type.Array(CaseCallbackView),
  legalHoldUntil: Type.Union([Timestamp, Type.Null()]),
})
export type CaseView = Static<typeof CaseView>

export const CaseList = Type.Object({ cases: Type.Array(CaseSummary) })
export type CaseList = Static<typeof CaseList>

/** A follow-up due today or overdue, for the "Da fare oggi" list of its responsible operator. */
export const CaseTask = Type.Object({
  caseId: Uuid,
  caseTitle: Type.String(),
  entryId: Uuid,
  text: Type.String(),
  dueAt: Timestamp,
  overdue: Type.Boolean(),
})
export type CaseTask = Static<typeof CaseTask>
export const CaseTaskList = Type.Object({ tasks: Type.Array(CaseTask) })
export type CaseTaskList = Static<typeof CaseTaskList>

/**
 * What the desk shows of a conversation's case: the case to whoever may read it, and to anyone
 * else only that there is one.
 */
export const ConversationCase = Type.Object({
  caseId: Type.Union([Uuid, Type.Null()]),
  case: Type.Union([CaseSummary, Type.Null()]),
  /** The helpline has an emergency take-in procedure: the desk offers to open one. */
  emergencyOffered: Type.Boolean(),
})
export type ConversationCase = Static<typeof ConversationCase>

export const CaseLegalHoldBody = Type.Object(
  {
    /** Null lifts the hold; a later date renews it. */
    until: Type.Union([Timestamp, Type.Null()]),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  Strict,
)
export type CaseLegalHoldBody = Static<typeof CaseLegalHoldBody>

export const CaseEntryDoneBody = Type.Object({ done: Type.Boolean() }, Strict)

// ---- contacts logged by hand ----

export const LOGGED_DOORS = [
  'in_person',
  'office_phone',
  'on_site',
  'identification',
  'from_service',
] as const
export const LOGGED_CALLERS = ['person', 'relative', 'service', 'citizen'] as const
export type LoggedDoor = (typeof LOGGED_DOORS)[number]
export type LoggedCaller = (typeof LOGGED_CALLERS)[number]

export const LogContactBody = Type.Object(
  {
    door: Type.Unsafe<LoggedDoor>(Type.Union(LOGGED_DOORS.map((d) => Type.Literal(d)))),
    caller: Type.Unsafe<LoggedCaller>(Type.Union(LOGGED_CALLERS.map((c) => Type.Literal(c)))),
    happenedAt: Timestamp,
    durationMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
    /** An existing person of the helpline ("Persona #4821"); absent: a new contact, with no address. */
    pseudonym: Type.Optional(Type.Integer({ minimum: 1000, maximum: 999999 })),
    notes: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  Strict,
)
export type LogContactBody = Static<typeof LogContactBody>
export const LoggedContactView = Type.Object({ conversationId: Uuid, pseudonym: Type.Integer() })
export type LoggedContactView = Static<typeof LoggedContactView>

// ---- the line writes first ----

export const CaseConsentBody = Type.Object({ contactId: Uuid, channelId: Uuid }, Strict)
export type CaseConsentBody = Static<typeof CaseConsentBody>
export const WriteFirstBody = Type.Object(
  {
    contactId: Uuid,
    channelId: Uuid,
    /** For doors without a reply window; WhatsApp sends the approved template instead. */
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  },
  Strict,
)
export type WriteFirstBody = Static<typeof WriteFirstBody>
/** A call to the person on a phone door where they agreed; due inside opening hours (now: the next). */
export const ScheduleCaseCallbackBody = Type.Object(
  { contactId: Uuid, channelId: Uuid, dueAt: Type.Optional(Timestamp) },
  Strict,
)
export type ScheduleCaseCallbackBody = Static<typeof ScheduleCaseCallbackBody>
export const FirstContactView = Type.Object({ conversationId: Uuid, messageId: Uuid })
export type FirstContactView = Static<typeof FirstContactView>

// ---- an emergency take-in's record, for the project that receives the person ----

export const CaseExportBody = Type.Object(
  {
    /** Include where the person is and their addresses: the reveal rules and audit of that conversation. */
    reveal: Type.Optional(
      Type.Object({ conversationId: Uuid, reason: Type.String({ minLength: 1, maxLength: 500 }) }, Strict),
    ),
  },
  Strict,
)
export type CaseExportBody = Static<typeof CaseExportBody>

export const CaseExport = Type.Object({
  format: Type.Literal('ascolto.emergency-take-in/1'),
  exportedAt: Timestamp,
  helpline: Type.String(),
  case: Type.Object({
    id: Uuid,
    title: Type.String(),
    status: CaseStatus,
    outcome: Type.Union([CaseOutcome, Type.Null()]),
    openedAt: Timestamp,
    closedAt: Type.Union([Timestamp, Type.Null()]),
  }),
  /** Every step of the procedure in order, with its latest recording (labels in the helpline's language). */
  steps: Type.Array(
    Type.Object({
      stepId: Type.String(),
      label: Type.String(),
      value: Type.Union([Type.String(), Type.Boolean(), Type.Array(Type.String()), Type.Null()]),
      /** A place left out: not revealed. */
      withheld: Type.Boolean(),
      doneBy: Type.Union([Type.String(), Type.Null()]),
      doneAt: Type.Union([Timestamp, Type.Null()]),
    }),
  ),
  /** Only when revealed: how to reach the person. */
  addresses: Type.Array(Type.Object({ channelKind: Type.String(), address: Type.String() })),
})
export type CaseExport = Static<typeof CaseExport>

// ---- live ----

/**
 * Pushed to every console of the helpline when a case changes: ids and states only. A console
 * showing the case (or one of its conversations, or the list) reads it again through the API,
 * which lets only its team, supervisors and coordinators see what it holds.
 */
export const CaseChange = Type.Object({
  caseId: Uuid,
  helplineId: Uuid,
  kind: CaseKind,
  status: CaseStatus,
  conversationIds: Type.Array(Uuid),
})
export type CaseChange = Static<typeof CaseChange>
