// Passkeys (WebAuthn): the options the server hands to navigator.credentials, the authenticator's
// answers the console sends back (as @simplewebauthn/browser serialises them), and the account's
// list. Binary fields travel as base64url.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Timestamp = Type.String({ format: 'date-time' })
const Base64Url = (maxLength = 4096) => Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength })
const PublicKey = Type.Literal('public-key')
const Attachment = Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')])
const Transports = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 })
const UserVerification = Type.Union([
  Type.Literal('required'),
  Type.Literal('preferred'),
  Type.Literal('discouraged'),
])
const Hints = Type.Array(
  Type.Union([Type.Literal('hybrid'), Type.Literal('security-key'), Type.Literal('client-device')]),
)
/** Options go out as simplewebauthn makes them (its types say string where the spec says 'public-key'). */
const Descriptor = Type.Object({
  id: Base64Url(),
  type: Type.String(),
  transports: Type.Optional(Transports),
})
/** What a browser reports of its extensions; only credProps is asked for, the rest is let through. */
const ExtensionOutputs = Type.Object({
  credProps: Type.Optional(Type.Object({ rk: Type.Optional(Type.Boolean()) })),
})

export const PasskeyCreationOptions = Type.Object({
  rp: Type.Object({ name: Type.String(), id: Type.Optional(Type.String()) }),
  user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
  challenge: Type.String(),
  pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.String() })),
  timeout: Type.Optional(Type.Integer()),
  excludeCredentials: Type.Optional(Type.Array(Descriptor)),
  authenticatorSelection: Type.Optional(
    Type.Object({
      residentKey: Type.Optional(UserVerification),
      requireResidentKey: Type.Optional(Type.Boolean()),
      userVerification: Type.Optional(UserVerification),
    }),
  ),
  hints: Type.Optional(Hints),
  attestation: Type.Optional(Type.String()),
  extensions: Type.Optional(Type.Object({ credProps: Type.Optional(Type.Boolean()) })),
})
export type PasskeyCreationOptions = Static<typeof PasskeyCreationOptions>

export const PasskeyRequestOptions = Type.Object({
  challenge: Type.String(),
  timeout: Type.Optional(Type.Integer()),
  rpId: Type.Optional(Type.String()),
  allowCredentials: Type.Optional(Type.Array(Descriptor)),
  userVerification: Type.Optional(UserVerification),
  hints: Type.Optional(Hints),
})
export type PasskeyRequestOptions = Static<typeof PasskeyRequestOptions>

/** navigator.credentials.create()'s answer. */
export const PasskeyAttestation = Type.Object({
  id: Base64Url(1366),
  rawId: Base64Url(1366),
  type: PublicKey,
  response: Type.Object({
    clientDataJSON: Base64Url(),
    attestationObject: Base64Url(16384),
    authenticatorData: Type.Optional(Base64Url(16384)),
    transports: Type.Optional(Transports),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(Base64Url()),
  }),
  authenticatorAttachment: Type.Optional(Attachment),
  clientExtensionResults: ExtensionOutputs,
})

/** navigator.credentials.get()'s answer: the second step of a sign-in. */
export const PasskeyAssertion = Type.Object({
  id: Base64Url(1366),
  rawId: Base64Url(1366),
  type: PublicKey,
  response: Type.Object({
    clientDataJSON: Base64Url(),
    authenticatorData: Base64Url(),
    signature: Base64Url(),
    userHandle: Type.Optional(Base64Url(128)),
  }),
  authenticatorAttachment: Type.Optional(Attachment),
  clientExtensionResults: ExtensionOutputs,
})

export const PasskeyName = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })

export const RegisterPasskeyBody = Type.Object(
  { name: PasskeyName, response: PasskeyAttestation },
  { additionalProperties: false },
)
export type RegisterPasskeyBody = Static<typeof RegisterPasskeyBody>

/** The password again, as the code step sends it: the challenge is handed only to its owner. */
export const PasskeyChallengeBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)
export type PasskeyChallengeBody = Static<typeof PasskeyChallengeBody>

export const PasskeyView = Type.Object({
  id: Uuid,
  name: Type.String(),
  transports: Type.Array(Type.String()),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
})
export type PasskeyView = Static<typeof PasskeyView>

/** The account's second factors: whether the app is set up, and its passkeys. */
export const SecondFactorsView = Type.Object({ totp: Type.Boolean(), passkeys: Type.Array(PasskeyView) })
export type SecondFactorsView = Static<typeof SecondFactorsView>

/** A new passkey; the recovery codes come, once, with an account's first second factor. */
export const PasskeyAdded = Type.Object({
  passkey: PasskeyView,
  recoveryCodes: Type.Optional(Type.Array(Type.String())),
})
export type PasskeyAdded = Static<typeof PasskeyAdded>
