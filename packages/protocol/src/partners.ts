// Partner installations (Messa in rete between installations, docs/referrals-between-installations.md):
// what the console sends and reads about the partners list, and the bodies two installations
// exchange, signed. Allow-lists like the rest.
import Type, { type Static } from 'typebox'
import { ReferralConsent, ReferralRefusal, ReferralUrgency } from './referrals.ts'

const Uuid = Type.String({ format: 'uuid' })
const Strict = { additionalProperties: false } as const

/** A raw Ed25519 public key, base64url, as the partner's coordinators gave it. */
export const PartnerPublicKey = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })

export const PartnerBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** Their helpline's address for partners, as their console shows it. */
    baseUrl: Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://' }),
    publicKey: PartnerPublicKey,
    enabled: Type.Boolean(),
  },
  Strict,
)
export type PartnerBody = Static<typeof PartnerBody>

export const Partner = Type.Object({
  id: Uuid,
  ...PartnerBody.properties,
  updatedAt: Type.String({ format: 'date-time' }),
})
export type Partner = Static<typeof Partner>

/** What a coordinator gives a partner (this installation's key, this helpline's address) and the list. */
export const PartnersView = Type.Object({
  own: Type.Object({ publicKey: PartnerPublicKey, baseUrl: Type.String() }),
  partners: Type.Array(Partner),
})
export type PartnersView = Static<typeof PartnersView>

// What two installations send each other, signed (the door: /api/partners/v1/helplines/<id>).
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map((value) => Type.Literal(value))))

/** A referral, as the sending installation posts it to `…/referrals`; `id` is the sender's own. */
export const RemoteReferralBody = Type.Object(
  {
    id: Uuid,
    urgency: ReferralUrgency,
    consent: ReferralConsent,
    packet: Type.Object(
      {
        reason: Type.String({ minLength: 1, maxLength: 2000 }),
        languages: Type.Array(Language, { maxItems: 10 }),
        shared: Type.String({ maxLength: 4000 }),
        addresses: Type.Array(
          Type.Object(
            {
              channelKind: Type.String({ minLength: 1, maxLength: 30 }),
              address: Type.String({ minLength: 1, maxLength: 320 }),
            },
            Strict,
          ),
          { maxItems: 10 },
        ),
      },
      Strict,
    ),
  },
  Strict,
)
export type RemoteReferralBody = Static<typeof RemoteReferralBody>

/** The states the receiving installation reports back, to `…/referrals/<sender's id>/state`. */
export const REMOTE_STATES = ['accepted', 'in_charge', 'closed', 'refused'] as const

export const RemoteStateBody = Type.Object(
  {
    state: oneOf(REMOTE_STATES),
    refusalReason: Type.Optional(ReferralRefusal),
    refusalNote: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  Strict,
)
export type RemoteStateBody = Static<typeof RemoteStateBody>

/** The door's answer once what was sent is stored (or was already). */
export const PartnerReceipt = Type.Object({ received: Type.Literal(true) })
