// Sessions: the cookie carries a random token, the database keeps only its SHA-256. A session
// ends after its idle time (the shortest of the user's helplines', or the installation's), at
// sign-out, when a coordinator logs the person out everywhere, and when they are deactivated.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { SESSIONS_ENDED_CHANNEL } from './end-sessions.ts'
import { checkPasskey, passkeySignInOptions } from './passkey-sign-in.ts'
import { verifyPassword } from './passwords.ts'
import { checkSecondFactor, secondFactorState } from './second-factor.ts'
import {
  assertNotThrottled,
  recordSignInFailure,
  recordSignInSuccess,
  type ThrottleKeys,
} from './sign-in-throttle.ts'
import type { RelyingParty } from './webauthn-challenges.ts'

/** Signed out after this long without use, unless the installation or a helpline says less. */
export const SESSION_IDLE_MINUTES = 12 * 60

/** What the installation asks of sign-ins (ASCOLTO_SECOND_FACTOR, ASCOLTO_SESSION_IDLE_MINUTES). */
export type SignInPolicy = {
  /** "required": who needs a second factor and has none may only set one up; "optional": not made to. */
  secondFactor: 'required' | 'optional'
  idleMinutes: number
  /** Passkeys are bound to the installation's public URL (ASCOLTO_PUBLIC_URL). */
  relyingParty: RelyingParty
}

type Credentials = { email: string; password: string; address: string }

/** The signed-in operator, and whether their session may do nothing but set up a second factor. */
export type SessionActor = Actor & {
  enrolmentOnly: boolean
  /** When this session began: what is audited once per session (a file read) counts from here. */
  sessionStartedAt: Date
}

/** What the database keeps of a session token. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest()

export async function signIn(
  db: Queryable,
  keyring: Keyring,
  policy: SignInPolicy,
  input: Credentials & { code?: string; passkey?: AuthenticationResponseJSON },
): Promise<{ token: string; userId: string }> {
  const { user, keys } = await checkPassword(db, input)
  const factor = await secondFactorState(db, user.id)
  let method: 'code' | 'passkey' | undefined
  if (factor.enrolled) {
    // the password was right: asking for the code is not a failure, a wrong code is
    if (!input.code && !input.passkey) {
      throw new AscoltoError('ASCOLTO_ERR_SECOND_FACTOR_REQUIRED', 'Enter your code')
    }
    const proven = input.passkey
      ? await checkPasskey(db, policy.relyingParty, user.id, input.passkey)
      : await checkSecondFactor(db, keyring, user.id, input.code ?? '')
    if (!proven) {
      await failed(db, keys, user.id)
      throw new AscoltoError('ASCOLTO_ERR_BAD_CREDENTIALS', 'Wrong code')
    }
    method = input.passkey ? 'passkey' : 'code'
  }
  await recordSignInSuccess(db, keys)
  const enrolmentOnly = policy.secondFactor === 'required' && factor.required && !factor.enrolled
  const token = randomBytes(32).toString('base64url')
  await db.query(
    `insert into user_session (token_hash, user_id, idle_minutes, enrolment_only, expires_at)
     select $1, $2, idle, $4, now() + make_interval(mins => idle)
       from (select least($3::int, (select min(s.session_idle_minutes) from membership m
                                      join helpline_security s on s.helpline_id = m.helpline_id
                                     where m.user_id = $2)) as idle) i`,
    [tokenHash(token), user.id, policy.idleMinutes, enrolmentOnly],
  )
  await auditForEachHelpline(db, user.id, 'staff.signed_in', {
    secondFactor: factor.enrolled,
    ...(method ? { method } : {}),
  })
  return { token, userId: user.id }
}

/**
 * The second step's challenge for a passkey, once the password is proven again (throttled and
 * counted like a sign-in); undefined when the account has no passkey.
 */
export async function startPasskeySignIn(
  db: Queryable,
  policy: SignInPolicy,
  input: Credentials,
): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const { user } = await checkPassword(db, input)
  return passkeySignInOptions(db, policy.relyingParty, user.id)
}

export async function checkPassword(db: Queryable, input: Credentials) {
  const keys: ThrottleKeys = { account: input.email, address: input.address }
  await assertNotThrottled(db, keys)
  const { rows } = await db.query<{ id: string; password_hash: string }>(
    'select id, password_hash from app_user where email = $1 and deactivated_at is null',
    [input.email.trim().toLowerCase()],
  )
  const user = rows[0]
  if (!(await verifyPassword(user?.password_hash, input.password)) || !user) {
    await failed(db, keys, user?.id)
    throw new AscoltoError('ASCOLTO_ERR_BAD_CREDENTIALS', 'Wrong e-mail or password')
  }
  return { user, keys }
}

/** Counts a failure; when it locks a real account, its helplines' coordinators see it in their log. */
async function failed(db: Queryable, keys: ThrottleKeys, userId: string | undefined) {
  const { accountLocked } = await recordSignInFailure(db, keys)
  if (accountLocked && userId) await auditForEachHelpline(db, userId, 'staff.sign_in_locked', {}, null)
}

/** An event about a staff member, in the log of every helpline they belong to (or the installation's). */
export async function auditForEachHelpline(
  db: Queryable,
  userId: string,
  action: string,
  details: Record<string, unknown> = {},
  actorId: string | null = userId,
) {
  const { rows } = await db.query<{ helpline_id: string }>(
    'select helpline_id from membership where user_id = $1',
    [userId],
  )
  for (const helplineId of rows.length > 0 ? rows.map((r) => r.helpline_id) : [null]) {
    await recordAuditEvent(db, {
      helplineId,
      actorId,
      action,
      subjectType: 'user',
      subjectId: userId,
      details,
    })
  }
}

/** What names a session to the sockets opened with it (the hash, never the token). */
export const sessionTag = (token: string) => tokenHash(token).toString('hex')

/** Ends one session; the console sockets opened with it are dropped at once, on every instance. */
export async function signOut(db: Queryable, token: string) {
  await db.query('delete from user_session where token_hash = $1', [tokenHash(token)])
  await db.query('select pg_notify($1, $2)', [SESSIONS_ENDED_CHANNEL, `session:${sessionTag(token)}`])
}

/** Of these session tags, the ones still alive (read without touching: listening is not activity). */
export async function liveSessionTags(db: Queryable, tags: readonly string[]): Promise<Set<string>> {
  if (tags.length === 0) return new Set()
  const { rows } = await db.query<{ tag: string }>(
    `select encode(s.token_hash, 'hex') as tag from user_session s join app_user u on u.id = s.user_id
      where s.token_hash = any($1::bytea[]) and s.expires_at > now() and u.deactivated_at is null
        and not s.enrolment_only`,
    [tags.map((tag) => Buffer.from(tag, 'hex'))],
  )
  return new Set(rows.map((r) => r.tag))
}

/** Turns an enrolment-only session into a full one, once the second factor is in force. */
export async function completeEnrolment(db: Queryable, token: string) {
  await db.query('update user_session set enrolment_only = false where token_hash = $1', [tokenHash(token)])
}

/** The actor behind a session token, or undefined when it is unknown, expired or deactivated. */
export async function actorForSession(db: Queryable, token: string): Promise<SessionActor | undefined> {
  const { rows } = await db.query<{
    user_id: string
    display_name: string
    is_admin: boolean
    enrolment_only: boolean
    started_at: Date
    roles: Array<{
      helpline_id: string
      role: 'volunteer' | 'supervisor' | 'coordinator' | 'mediator'
    }> | null
  }>(
    `with touched as (
       update user_session set last_seen_at = now(), expires_at = now() + make_interval(mins => idle_minutes)
        where token_hash = $1 and expires_at > now() returning user_id, enrolment_only, created_at)
     select u.id as user_id, u.display_name, u.is_admin, t.enrolment_only, t.created_at as started_at,
            (select json_agg(json_build_object('helpline_id', m.helpline_id, 'role', m.role))
               from membership m where m.user_id = u.id) as roles
       from touched t join app_user u on u.id = t.user_id
      where u.deactivated_at is null`,
    [tokenHash(token)],
  )
  const row = rows[0]
  if (!row) return undefined
  return {
    userId: row.user_id,
    displayName: row.display_name,
    isAdmin: row.is_admin,
    enrolmentOnly: row.enrolment_only,
    sessionStartedAt: row.started_at,
    roles: new Map(
      (row.roles ?? []).flatMap((r) => (r.role === 'mediator' ? [] : [[r.helpline_id, r.role] as const])),
    ),
    mediatorOf: new Set((row.roles ?? []).filter((r) => r.role === 'mediator').map((r) => r.helpline_id)),
  }
}
