// Passkeys (WebAuthn) as a second factor: registered from a signed-in session (even one that may
// only set up a second factor), named by their owner, listed, removed. The first second factor an
// account gets, passkey or app, comes with recovery codes; the last one of someone whose role
// needs one cannot be removed. Registration and removal are in the audit log, by id only.
import { type Pool, type Queryable, withTransaction } from '@ascolto/db'
import type { PasskeyView } from '@ascolto/protocol'
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { AscoltoError } from '../errors.ts'
import { issueAuditedRecoveryCodes } from './recovery-codes.ts'
import { secondFactorState } from './second-factor.ts'
import { auditForEachHelpline, completeEnrolment, tokenHash } from './sessions.ts'
import { CHALLENGE_MINUTES, type RelyingParty, saveChallenge, takeChallenge } from './webauthn-challenges.ts'

/** The user handle authenticators keep: the account's uuid as 16 bytes, nothing personal. */
const userHandle = (userId: string) => new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'))

type Session = { userId: string; token: string }

/** Options for the browser's navigator.credentials.create(), their challenge tied to this session. */
export async function startPasskeyRegistration(
  db: Queryable,
  rp: RelyingParty,
  session: Session,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rows: users } = await db.query<{ email: string; display_name: string }>(
    'select email, display_name from app_user where id = $1',
    [session.userId],
  )
  const { rows: existing } = await db.query<{ credential_id: string; transports: string[] }>(
    'select credential_id, transports from user_passkey where user_id = $1',
    [session.userId],
  )
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: users[0]?.email ?? session.userId,
    userDisplayName: users[0]?.display_name ?? '',
    userID: userHandle(session.userId),
    timeout: CHALLENGE_MINUTES * 60_000,
    attestationType: 'none',
    // the same authenticator twice would be one factor counted as two
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
  await saveChallenge(db, options.challenge, {
    purpose: 'registration',
    userId: session.userId,
    sessionHash: tokenHash(session.token),
  })
  return options
}

/**
 * Checks the authenticator's answer against this session's challenge and the configured origin,
 * then keeps the credential, in one transaction with what follows from it (an enrolment-only
 * session becomes a full one, the audit, the recovery codes). The challenge is used up before.
 */
export async function finishPasskeyRegistration(
  pool: Pool,
  rp: RelyingParty,
  session: Session,
  input: { name: string; response: RegistrationResponseJSON },
): Promise<{ passkey: PasskeyView; recoveryCodes?: string[] }> {
  const challenge = await takeChallenge(
    pool,
    { purpose: 'registration', userId: session.userId, sessionHash: tokenHash(session.token) },
    input.response.response.clientDataJSON,
  )
  const verification = challenge
    ? await verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      }).catch(() => undefined)
    : undefined
  if (!verification?.verified) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The passkey could not be verified: try again')
  }
  const { credential } = verification.registrationInfo
  return withTransaction(pool, async (db) => {
    const before = await secondFactorState(db, session.userId)
    const { rows } = await db.query<PasskeyRow>(
      `insert into user_passkey (user_id, credential_id, public_key, counter, transports, name)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (credential_id) do nothing
     returning ${PASSKEY_COLUMNS}`,
      [
        session.userId,
        credential.id,
        Buffer.from(credential.publicKey),
        credential.counter,
        credential.transports ?? [],
        input.name.trim(),
      ],
    )
    const row = rows[0]
    if (!row) throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'That passkey is already registered')
    await completeEnrolment(db, session.token)
    await auditForEachHelpline(db, session.userId, 'staff.passkey_added', { passkeyId: row.id })
    const passkey = passkeyView(row)
    return before.enrolled
      ? { passkey }
      : { passkey, recoveryCodes: await issueAuditedRecoveryCodes(db, session.userId, 'first_factor') }
  })
}

export async function listPasskeys(db: Queryable, userId: string): Promise<PasskeyView[]> {
  const { rows } = await db.query<PasskeyRow>(
    `select ${PASSKEY_COLUMNS} from user_passkey where user_id = $1 order by created_at, id`,
    [userId],
  )
  return rows.map(passkeyView)
}

/** Removes one of the user's own passkeys; refused when it is the last factor their role needs. */
export async function removePasskey(db: Queryable, userId: string, passkeyId: string) {
  // the user's row locked: two removals at once cannot both see "one more is left"
  await db.query('select 1 from app_user where id = $1 for update', [userId])
  const { rows } = await db.query<{ id: string }>(
    'select id from user_passkey where id = $1 and user_id = $2',
    [passkeyId, userId],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No such passkey')
  const factor = await secondFactorState(db, userId)
  if (factor.required && !factor.totp && factor.passkeys <= 1) {
    throw new AscoltoError(
      'ASCOLTO_ERR_LAST_SECOND_FACTOR',
      'Your role needs a second factor: add another one before removing this passkey',
    )
  }
  await db.query('delete from user_passkey where id = $1', [passkeyId])
  await auditForEachHelpline(db, userId, 'staff.passkey_removed', { passkeyId })
}

const PASSKEY_COLUMNS = 'id, name, transports, created_at, last_used_at'
type PasskeyRow = {
  id: string
  name: string
  transports: string[]
  created_at: Date
  last_used_at: Date | null
}
const passkeyView = (row: PasskeyRow): PasskeyView => ({
  id: row.id,
  name: row.name,
  transports: row.transports,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
})
