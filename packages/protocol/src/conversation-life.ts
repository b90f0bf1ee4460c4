// A conversation's whole life: whether its person is there, left, or came back; the closed
// conversations staff look back at; the code a person writes down to continue from another device;
// (the desk's settings reaching open consoles is `desk.changed` in index.ts). Allow-lists like the rest.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
/** A real day (2026-02-30 is refused), so the database never reads one it cannot. */
const Day = Type.String({ format: 'date' })
const ItemId = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })

/** What every list shows of the person's presence (web chat). */
export const PresenceConversationFields = {
  /** The person ended the chat or left it for good while a volunteer was in it; null: they did not (or came back). */
  personLeftAt: Type.Union([Timestamp, Type.Null()]),
  /** The person's page has had no connection since then (they may come back); null: connected, or not a web chat. */
  personAwaySince: Type.Union([Timestamp, Type.Null()]),
}

// ---- past conversations ----

/** Filters of the closed conversations; every one optional, all together narrow the list. */
export const ClosedConversationsQuery = Type.Object(
  {
    helplineId: Uuid,
    channelId: Type.Optional(Uuid),
    category: Type.Optional(ItemId),
    flag: Type.Optional(
      Type.Union([Type.Literal('any'), Type.Literal('minor_at_risk'), Type.Literal('imminent_risk')]),
    ),
    /** First and last day closed on (the helpline's own dates). */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    handledBy: Type.Optional(Uuid),
    /** "Persona #3154", "#3154" or "3154". */
    pseudonym: Type.Optional(Type.String({ pattern: '^ *(?:[A-Za-zÀ-ÿ]{1,20} *)?#? *[0-9]{1,9} *$' })),
    /** 'true': ended before an answer only; 'false': answered only (a query string carries no booleans). */
    abandoned: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    before: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
)
export type ClosedConversationsQuery = Static<typeof ClosedConversationsQuery>

export const ClosedConversation = Type.Object({
  id: Uuid,
  channelId: Uuid,
  channelKind: Type.String(),
  channelName: Type.String(),
  contactPseudonym: Type.Integer(),
  openedAt: Timestamp,
  closedAt: Timestamp,
  /** Who handled it last; null: nobody (ended before an answer, say). */
  handledBy: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  categories: Type.Array(Type.String()),
  flags: Type.Array(Type.String()),
  /** Ended by the person before anyone of the line answered. */
  abandoned: Type.Boolean(),
})
export type ClosedConversation = Static<typeof ClosedConversation>

export const ClosedConversationList = Type.Object({
  /** The helpline's doors, for the filter. */
  doors: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), name: Type.String() })),
  conversations: Type.Array(ClosedConversation),
  /** More are older than the last one here: ask again with `before` its closedAt. */
  more: Type.Boolean(),
})
export type ClosedConversationList = Static<typeof ClosedConversationList>

// ---- the code to continue on another device ----

/** Ten letters and digits, without the ones read one for the other (0/O, 1/I/L), in two groups of five. */
export const ResumeCode = Type.String({ pattern: '^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$' })

export const WidgetResumeCode = Type.Object({
  code: Type.String(),
  /** Until when it works. */
  until: Timestamp,
})
export type WidgetResumeCode = Static<typeof WidgetResumeCode>

export const WidgetResumeBody = Type.Object({ code: ResumeCode }, { additionalProperties: false })
export type WidgetResumeBody = Static<typeof WidgetResumeBody>

export const WidgetResumed = Type.Object({ resumed: Type.Literal(true) })
export type WidgetResumed = Static<typeof WidgetResumed>
