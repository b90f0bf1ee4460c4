// Coded errors: the code and status reach the client; 5xx details never do.
export const errorStatus = {
  ASCOLTO_ERR_VALIDATION: 400,
  ASCOLTO_ERR_BAD_CREDENTIALS: 401,
  ASCOLTO_ERR_UNAUTHENTICATED: 401,
  ASCOLTO_ERR_FORBIDDEN: 403,
  ASCOLTO_ERR_NOT_FOUND: 404,
  ASCOLTO_ERR_CONVERSATION_TAKEN: 409,
  ASCOLTO_ERR_CONVERSATION_CLOSED: 409,
  ASCOLTO_ERR_NOT_ASSIGNED: 409,
  ASCOLTO_ERR_DUPLICATE_CONFLICT: 409,
  ASCOLTO_ERR_LIMIT_REACHED: 409,
  ASCOLTO_ERR_CALLBACK_CLOSED: 409,
  ASCOLTO_ERR_OPTED_OUT: 409,
  /** Another account has this phone number: a call it picks up would be nobody's for sure. */
  ASCOLTO_ERR_PHONE_TAKEN: 409,
  ASCOLTO_ERR_CALL_NOT_LIVE: 409,
  ASCOLTO_ERR_SURVEY_ANSWERED: 409,
  ASCOLTO_ERR_CHANNEL_DISABLED: 404,
  /** Unknown, wrong or malformed: a receipt code that opens nothing, whichever it was. */
  ASCOLTO_ERR_RECEIPT_UNKNOWN: 404,
  ASCOLTO_ERR_RATE_LIMITED: 429,
  /** A provider's body carrying more messages and reports than one delivery ever holds. */
  ASCOLTO_ERR_TOO_MANY_EVENTS: 413,
  /** As many webhooks as the instance takes at once are in hand: the provider retries later. */
  ASCOLTO_ERR_BUSY: 503,
  ASCOLTO_ERR_SECOND_FACTOR_REQUIRED: 401,
  ASCOLTO_ERR_SECOND_FACTOR_ENROLMENT: 403,
  /** Changing the account's second factors needs the password again (operators/reauthentication.ts). */
  ASCOLTO_ERR_REAUTHENTICATION_REQUIRED: 403,
  ASCOLTO_ERR_NO_SECOND_FACTOR: 409,
  /** Removing it would leave without a second factor someone whose role needs one. */
  ASCOLTO_ERR_LAST_SECOND_FACTOR: 409,
  ASCOLTO_ERR_INVITATION_INVALID: 410,
  /** A password reset link used, expired, or for an account deactivated since. */
  ASCOLTO_ERR_RESET_INVALID: 410,
  /** The address has an open invitation already: one link per person at a time. */
  ASCOLTO_ERR_INVITATION_OPEN: 409,
  /** An invitation accepted, expired or revoked: it can no longer be renewed or revoked. */
  ASCOLTO_ERR_INVITATION_CLOSED: 409,
  /** A request to see an address nobody decided on in time, or an approval not used in time. */
  ASCOLTO_ERR_REQUEST_EXPIRED: 410,
  /** A referral goes only with the person's consent, recorded (when, by whom). */
  ASCOLTO_ERR_CONSENT_REQUIRED: 400,
  /** A referral's state out of order, or one the other side sets. */
  ASCOLTO_ERR_REFERRAL_STATE: 409,
  /** A partner installation's request without a signature (docs/referrals-between-installations.md). */
  ASCOLTO_ERR_UNSIGNED: 401,
  /** A signature that does not verify, is malformed, or does not cover the method, path and digest. */
  ASCOLTO_ERR_BAD_SIGNATURE: 401,
  /** A signature made too long ago (or ahead): outside the window a nonce is remembered for. */
  ASCOLTO_ERR_SIGNATURE_STALE: 401,
  /** Signed by a key no partner of the helpline has. */
  ASCOLTO_ERR_UNKNOWN_PARTNER: 403,
  ASCOLTO_ERR_PARTNER_DISABLED: 403,
  /** A signed request whose nonce was seen already. */
  ASCOLTO_ERR_REPLAYED: 409,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AscoltoError extends Error {
  readonly code: ErrorCode
  readonly status: number
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.code = code
    this.status = errorStatus[code]
  }
}
