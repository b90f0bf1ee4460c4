// Referrals ("invii", Messa in rete): a case or a conversation sent to another service with the
// person's consent, and the state both sides see. Allow-lists like the rest (docs/referrals.md).
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const Person = Type.Object({ id: Uuid, displayName: Type.String() })
const Strict = { additionalProperties: false } as const
const literals = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map((value) => Type.Literal(value))))

/** sent → received → accepted → in_charge → closed; refused (with a reason) from sent or received. */
export const REFERRAL_STATES = ['sent', 'received', 'accepted', 'in_charge', 'closed', 'refused'] as const
export type ReferralState = (typeof REFERRAL_STATES)[number]
export const ReferralState = literals(REFERRAL_STATES)
/** Which state may follow which (the server refuses any other with ASCOLTO_ERR_REFERRAL_STATE). */
export const REFERRAL_NEXT_STATES: Record<ReferralState, readonly ReferralState[]> = {
  sent: ['received', 'accepted', 'refused'],
  received: ['accepted', 'refused'],
  accepted: ['in_charge', 'closed'],
  in_charge: ['closed'],
  closed: [],
  refused: [],
}

export const REFERRAL_URGENCIES = ['routine', 'soon', 'urgent'] as const
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number]
export const ReferralUrgency = literals(REFERRAL_URGENCIES)

/** Why a receiving service said no: a short fixed list, counted in the statistics. */
export const REFERRAL_REFUSALS = [
  'outside-area',
  'no-capacity',
  'not-our-service',
  'person-declined',
  'other',
] as const
export type ReferralRefusal = (typeof REFERRAL_REFUSALS)[number]
export const ReferralRefusal = literals(REFERRAL_REFUSALS)

export const HANDOVER_METHODS = ['email', 'phone', 'in-person', 'post', 'other'] as const
export type HandoverMethod = (typeof HANDOVER_METHODS)[number]

/**
 * Where a referral goes: another helpline of this installation, a partner without Ascolto (an
 * entry of the helpline's directory, or a name and how to reach them), or another installation
 * (an enabled partner of the helpline's partners list, partners.ts).
 */
export const ReferralTarget = Type.Union([
  Type.Object({ kind: Type.Literal('helpline'), helplineId: Uuid }, Strict),
  Type.Object({ kind: Type.Literal('directory'), directoryServiceId: Uuid }, Strict),
  Type.Object(
    {
      kind: Type.Literal('partner'),
      name: Type.String({ minLength: 1, maxLength: 300 }),
      reach: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    Strict,
  ),
  Type.Object({ kind: Type.Literal('installation'), partnerId: Uuid }, Strict),
])
export type ReferralTarget = Static<typeof ReferralTarget>

export const ReferralConsent = Type.Object(
  { givenAt: Timestamp, givenBy: literals(['person', 'representative'] as const) },
  Strict,
)

export const CreateReferralBody = Type.Object(
  {
    /** What is sent: a case, or a conversation (exactly one). */
    caseId: Type.Optional(Uuid),
    conversationId: Type.Optional(Uuid),
    target: ReferralTarget,
    urgency: ReferralUrgency,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }), { maxItems: 10 }),
    /** What the person agreed the service may know, in the operator's words. */
    shared: Type.String({ maxLength: 4000 }),
    /** The person's address goes only revealed under the audited rules: with a reason. */
    includeAddress: Type.Optional(
      Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, Strict),
    ),
    /** Without it nothing is sent (ASCOLTO_ERR_CONSENT_REQUIRED). */
    consent: Type.Optional(ReferralConsent),
  },
  Strict,
)
export type CreateReferralBody = Static<typeof CreateReferralBody>

export const ReferralStateBody = Type.Object(
  {
    state: ReferralState,
    /** Required with 'refused'. */
    refusalReason: Type.Optional(ReferralRefusal),
    refusalNote: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Accepting opens a case on the receiving side: its title, in the team's words. */
    caseTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  Strict,
)
export type ReferralStateBody = Static<typeof ReferralStateBody>

export const ReferralHandoverBody = Type.Object(
  { method: literals(HANDOVER_METHODS), recipient: Type.String({ minLength: 1, maxLength: 300 }) },
  Strict,
)
export type ReferralHandoverBody = Static<typeof ReferralHandoverBody>

/** What the receiving service reads: the operator sees it whole before sending. */
export const ReferralPacket = Type.Object({
  reason: Type.String(),
  languages: Type.Array(Type.String()),
  shared: Type.String(),
  /** Only when revealed under the audited rules. */
  addresses: Type.Array(Type.Object({ channelKind: Type.String(), address: Type.String() })),
})
export type ReferralPacket = Static<typeof ReferralPacket>

const Side = Type.Union([Type.Object({ helplineId: Uuid, name: Type.String() }), Type.Null()])

export const ReferralPreview = Type.Object({
  targetName: Type.String(),
  urgency: ReferralUrgency,
  packet: ReferralPacket,
  addressIncluded: Type.Boolean(),
  consent: Type.Union([ReferralConsent, Type.Null()]),
})
export type ReferralPreview = Static<typeof ReferralPreview>

export const ReferralSummary = Type.Object({
  id: Uuid,
  /** As the reader's helpline sees it. */
  direction: literals(['in', 'out'] as const),
  targetKind: literals(['helpline', 'partner', 'installation'] as const),
  from: Side,
  to: Side,
  /** A partner without Ascolto, as written on the sheet. */
  partnerName: Type.Union([Type.String(), Type.Null()]),
  state: ReferralState,
  refusalReason: Type.Union([ReferralRefusal, Type.Null()]),
  urgency: ReferralUrgency,
  createdAt: Timestamp,
  stateChangedAt: Timestamp,
  /** The sender's case or conversation (to the sender only), the case opened on acceptance (to the receiver only). */
  caseId: Type.Union([Uuid, Type.Null()]),
  conversationId: Type.Union([Uuid, Type.Null()]),
  toCaseId: Type.Union([Uuid, Type.Null()]),
})
export type ReferralSummary = Static<typeof ReferralSummary>

export const ReferralList = Type.Object({ referrals: Type.Array(ReferralSummary) })
export type ReferralList = Static<typeof ReferralList>

export const ReferralView = Type.Object({
  ...ReferralSummary.properties,
  partnerReach: Type.Union([Type.String(), Type.Null()]),
  /** Null once the person was erased. */
  packet: Type.Union([ReferralPacket, Type.Null()]),
  refusalNote: Type.Union([Type.String(), Type.Null()]),
  consent: Type.Object({
    givenAt: Timestamp,
    givenBy: literals(['person', 'representative'] as const),
    recordedBy: Type.Union([Person, Type.Null()]),
  }),
  createdBy: Type.Union([Person, Type.Null()]),
  events: Type.Array(
    Type.Object({
      state: ReferralState,
      at: Timestamp,
      by: Type.Union([Person, Type.Null()]),
      helplineName: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  handovers: Type.Array(
    Type.Object({
      method: literals(HANDOVER_METHODS),
      recipient: Type.String(),
      at: Timestamp,
      by: Type.Union([Person, Type.Null()]),
    }),
  ),
})
export type ReferralView = Static<typeof ReferralView>

/** The other helplines of this installation a referral can go to. */
export const ReferralTargets = Type.Object({
  helplines: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  /** The helpline's enabled partners on other Ascolto installations (its partners list). */
  installations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
})
export type ReferralTargets = Static<typeof ReferralTargets>

/** Pushed to the consoles of both helplines when a referral arrives or changes: ids and states only. */
export const ReferralChange = Type.Object({
  referralId: Uuid,
  fromHelplineId: Type.Union([Uuid, Type.Null()]),
  toHelplineId: Type.Union([Uuid, Type.Null()]),
  state: ReferralState,
})
export type ReferralChange = Static<typeof ReferralChange>
