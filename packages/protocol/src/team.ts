// What the console's team, account and audit screens exchange with the server: members and
// invitations, the second factor, a helpline's security settings, the audit log, and a
// contact's export and revealed address.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })
const NewPassword = Type.String({ minLength: 12, maxLength: 1024 })
/** A member's role: staff, or a mediator, who reads only the conversations they are in (mediation.ts). */
const Role = Type.Union([
  Type.Literal('volunteer'),
  Type.Literal('supervisor'),
  Type.Literal('coordinator'),
  Type.Literal('mediator'),
])

export const TeamMember = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  email: Type.String(),
  role: Role,
  secondFactor: Type.Boolean(),
  lastSeenAt: Type.Union([Timestamp, Type.Null()]),
})
export type TeamMember = Static<typeof TeamMember>

export const InvitationState = Type.Union([
  Type.Literal('open'),
  Type.Literal('accepted'),
  Type.Literal('expired'),
  Type.Literal('revoked'),
])
export type InvitationState = Static<typeof InvitationState>

export const InvitationView = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: Role,
  state: InvitationState,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  usedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
})
export type InvitationView = Static<typeof InvitationView>

export const TeamView = Type.Object({
  members: Type.Array(TeamMember),
  invitations: Type.Array(InvitationView),
})
export type TeamView = Static<typeof TeamView>

export const InviteBody = Type.Object({ email: Email, role: Role }, { additionalProperties: false })
export type InviteBody = Static<typeof InviteBody>

/** The link is shown once, to the coordinator, to pass on: the server keeps only its hash. */
export const InvitationCreated = Type.Object({ invitation: InvitationView, link: Type.String() })
export type InvitationCreated = Static<typeof InvitationCreated>

export const InvitationToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })

export const AcceptInvitationBody = Type.Object(
  {
    token: InvitationToken,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: NewPassword,
  },
  { additionalProperties: false },
)
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>

export const InvitationLookupBody = Type.Object({ token: InvitationToken }, { additionalProperties: false })
export type InvitationLookupBody = Static<typeof InvitationLookupBody>

/** What an open invitation's page says: where, for which address, with which role. */
export const InvitationPreview = Type.Object(
  { helplineName: Type.String(), email: Type.String(), role: Role },
  { additionalProperties: false },
)
export type InvitationPreview = Static<typeof InvitationPreview>

/** The address the invitation was for, so the sign-in that follows has it filled in. */
export const InvitationAccepted = Type.Object({ email: Type.String() }, { additionalProperties: false })
export type InvitationAccepted = Static<typeof InvitationAccepted>

/** "Password dimenticata?": the same answer (202) whether the address has an account or not. */
export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false })
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>

export const PasswordResetLookupBody = Type.Object(
  { token: InvitationToken },
  { additionalProperties: false },
)
export type PasswordResetLookupBody = Static<typeof PasswordResetLookupBody>

/** The address an open reset link is for, and the same after the new password, for the sign-in. */
export const PasswordResetPreview = Type.Object({ email: Type.String() }, { additionalProperties: false })
export type PasswordResetPreview = Static<typeof PasswordResetPreview>

export const PasswordResetCompleteBody = Type.Object(
  { token: InvitationToken, password: NewPassword },
  { additionalProperties: false },
)
export type PasswordResetCompleteBody = Static<typeof PasswordResetCompleteBody>

/** A link a coordinator passes on to a member, shown once: the server keeps only its hash. */
export const PasswordResetIssued = Type.Object({ link: Type.String(), expiresAt: Timestamp })
export type PasswordResetIssued = Static<typeof PasswordResetIssued>

export const RoleBody = Type.Object({ role: Role }, { additionalProperties: false })
export type RoleBody = Static<typeof RoleBody>

export const HelplineSecurity = Type.Object(
  {
    volunteerSecondFactor: Type.Boolean(),
    sessionIdleMinutes: Type.Integer({ minimum: 5, maximum: 10080 }),
    /** Revealing an address takes a request approved by a second person (a supervisor). */
    revealNeedsApproval: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type HelplineSecurity = Static<typeof HelplineSecurity>

export const TotpEnrolment = Type.Object({ secret: Type.String(), uri: Type.String() })
export type TotpEnrolment = Static<typeof TotpEnrolment>

export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
)
export type TotpCodeBody = Static<typeof TotpCodeBody>

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) })
export type RecoveryCodes = Static<typeof RecoveryCodes>

/** The app is set up; recovery codes come with it only when it is the account's first factor. */
export const TotpConfirmed = Type.Object({ recoveryCodes: Type.Optional(Type.Array(Type.String())) })
export type TotpConfirmed = Static<typeof TotpConfirmed>

/** The password again, before the account's second factors change. */
export const ReauthenticateBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
)
export type ReauthenticateBody = Static<typeof ReauthenticateBody>

export const AuditEventView = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  action: Type.String(),
  actor: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  subjectType: Type.String(),
  subjectId: Type.Union([Uuid, Type.Null()]),
  /** What the subject is called, for the sentence; null: gone (an erased person) or not named. */
  subject: Type.Union([
    Type.Object({
      kind: Type.Literal('person'),
      pseudonym: Type.Integer(),
      /** Where the console opens them: the conversation, or the person's latest one. */
      conversationId: Type.Union([Uuid, Type.Null()]),
    }),
    Type.Object({ kind: Type.Literal('member'), displayName: Type.String() }),
    Type.Object({ kind: Type.Literal('invitation'), email: Type.String() }),
    Type.Object({ kind: Type.Literal('case'), caseId: Uuid }),
    Type.Null(),
  ]),
  details: Type.Record(Type.String(), Type.Unknown()),
})
export type AuditEventView = Static<typeof AuditEventView>

export const AuditLog = Type.Object({ events: Type.Array(AuditEventView) })
export type AuditLog = Static<typeof AuditLog>

export const AuditQuery = Type.Object(
  { before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })) },
  { additionalProperties: false },
)

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
)
export type ReasonBody = Static<typeof ReasonBody>

export const RevealedAddress = Type.Object({
  addresses: Type.Array(Type.Object({ channelKind: Type.String(), address: Type.String() })),
})
export type RevealedAddress = Static<typeof RevealedAddress>

const Maybe = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()])

export const ContactExport = Type.Object({
  exportedAt: Timestamp,
  contact: Type.Object({
    pseudonym: Type.Integer(),
    createdAt: Timestamp,
    lastMessageAt: Maybe(Timestamp),
    policyVersion: Maybe(Type.String()),
    policySentAt: Maybe(Timestamp),
    blockedAt: Maybe(Timestamp),
    blockedUntil: Maybe(Timestamp),
    legalHoldAt: Maybe(Timestamp),
  }),
  addresses: Type.Array(
    Type.Object({ channelKind: Type.String(), address: Type.String(), since: Timestamp }),
  ),
  /** Asked for with a reason, under the rules of a reveal; otherwise the addresses are left out. */
  addressesIncluded: Type.Boolean(),
  conversations: Type.Array(
    Type.Object({
      id: Uuid,
      channelKind: Type.String(),
      status: Type.String(),
      openedAt: Timestamp,
      closedAt: Maybe(Timestamp),
      messages: Type.Array(
        Type.Object({
          direction: Type.String(),
          kind: Type.String(),
          text: Type.String(),
          status: Type.String(),
          createdAt: Timestamp,
          hidden: Type.Boolean(),
        }),
      ),
    }),
  ),
})
export type ContactExport = Static<typeof ContactExport>

export const ErasureDone = Type.Object({ conversations: Type.Integer(), messages: Type.Integer() })
export type ErasureDone = Static<typeof ErasureDone>

export const RevealRequestView = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  requestedBy: Type.Object({ id: Uuid, displayName: Type.String() }),
  reason: Type.String(),
  createdAt: Timestamp,
})
export type RevealRequestView = Static<typeof RevealRequestView>

export const RevealRequestList = Type.Object({ requests: Type.Array(RevealRequestView) })
export type RevealRequestList = Static<typeof RevealRequestList>

/**
 * Where a request stands: waiting for a supervisor, approved and not yet used, refused, used by
 * the reveal it allowed, or expired (undecided, or approved and unused, for too long).
 */
export const RevealRequestState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('refused'),
  Type.Literal('used'),
  Type.Literal('expired'),
])
export type RevealRequestState = Static<typeof RevealRequestState>

/** One of the asker's own requests, as they see it (their reason is their own). */
export const OwnRevealRequest = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  reason: Type.String(),
  state: RevealRequestState,
  createdAt: Timestamp,
  decidedAt: Maybe(Timestamp),
  decidedBy: Type.Union([Type.Object({ id: Uuid, displayName: Type.String() }), Type.Null()]),
  usedAt: Maybe(Timestamp),
  /** Until when a pending request can be decided, or an approved one used. */
  expiresAt: Maybe(Timestamp),
})
export type OwnRevealRequest = Static<typeof OwnRevealRequest>

/** Newest first. */
export const OwnRevealRequestList = Type.Object({ requests: Type.Array(OwnRevealRequest) })
export type OwnRevealRequestList = Static<typeof OwnRevealRequestList>

/** A socket event: a request asked (to the helpline's consoles), decided or used (the asker's). Ids only. */
export type RevealRequestChange = {
  id: string
  conversationId: string
  helplineId: string
  /** Who asked: their consoles keep quiet about their own request. */
  requestedBy: string
  state: RevealRequestState
}
