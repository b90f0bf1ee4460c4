// TOTP second factor: enrolment (the secret shown once as text and as an otpauth URI, sealed in
// the database), confirmation by a first code, and ten single-use recovery codes kept as hashes
// (issued with the first second factor, TOTP or passkey, or on request: recovery-codes.ts).
// A code is accepted once: the time step it belongs to is remembered, so a code read over a
// shoulder or from a log cannot be replayed within its 30 seconds.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import { generateSecret, generateURI, verify } from 'otplib'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

/** Staff secrets are sealed under their own derived key, apart from every helpline's. */
const SEAL_SCOPE = 'staff-accounts'
const PERIOD = 30
const RECOVERY_CODES = 10
const ISSUER = 'Ascolto'

const sealContext = (userId: string) => `user_totp:${userId}`
const codeHash = (code: string) =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest()

/** enrolled: a confirmed TOTP secret or at least one passkey. */
export type SecondFactorState = { enrolled: boolean; required: boolean; totp: boolean; passkeys: number }

/** Required for every role; for volunteers unless their helpline relaxed it (helpline-security.ts). */
export async function secondFactorState(db: Queryable, userId: string): Promise<SecondFactorState> {
  const { rows } = await db.query<{ totp: boolean; passkeys: number; required: boolean }>(
    `select exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as totp,
            (select count(*)::int from user_passkey p where p.user_id = u.id) as passkeys,
            u.is_admin or exists (
              select 1 from membership m left join helpline_security s on s.helpline_id = m.helpline_id
               where m.user_id = u.id
                 and (m.role in ('supervisor', 'coordinator') or coalesce(s.volunteer_second_factor, true))
            ) as required
       from app_user u where u.id = $1`,
    [userId],
  )
  const row = rows[0] ?? { totp: false, passkeys: 0, required: false }
  return { ...row, enrolled: row.totp || row.passkeys > 0 }
}

/** A new secret, not yet in force: shown to the user, confirmed by their first code. */
export async function startTotpEnrolment(
  db: Queryable,
  keyring: Keyring,
  userId: string,
): Promise<{ secret: string; uri: string }> {
  if ((await secondFactorState(db, userId)).totp) {
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'An authenticator app is already set up')
  }
  const { rows } = await db.query<{ email: string }>('select email from app_user where id = $1', [userId])
  const secret = generateSecret()
  await db.query(
    `insert into user_totp (user_id, secret_sealed) values ($1, $2)
     on conflict (user_id) do update set secret_sealed = excluded.secret_sealed, confirmed_at = null,
       last_step = null, created_at = now()`,
    [userId, keyring.scope(SEAL_SCOPE).seal(secret, sealContext(userId))],
  )
  return {
    secret,
    uri: generateURI({ issuer: ISSUER, label: rows[0]?.email ?? userId, secret, period: PERIOD }),
  }
}

/** The first code puts the secret in force; says whether it is the account's first second factor. */
export async function confirmTotpEnrolment(
  db: Queryable,
  keyring: Keyring,
  userId: string,
  code: string,
): Promise<{ firstFactor: boolean }> {
  const step = await matchingStep(db, keyring, userId, code, { confirmed: false })
  if (step === undefined) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'That code is not right')
  const { enrolled } = await secondFactorState(db, userId)
  await db.query('update user_totp set confirmed_at = now(), last_step = $2 where user_id = $1', [
    userId,
    step,
  ])
  return { firstFactor: !enrolled }
}

/** Ten new recovery codes in place of any earlier ones; shown once, kept as hashes. */
export async function issueRecoveryCodes(db: Queryable, userId: string): Promise<string[]> {
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () =>
    (randomBytes(10).toString('hex').match(/.{4}/g) ?? []).join('-'),
  )
  await db.query('delete from recovery_code where user_id = $1', [userId])
  await db.query('insert into recovery_code (user_id, code_hash) select $1, unnest($2::bytea[])', [
    userId,
    recoveryCodes.map(codeHash),
  ])
  return recoveryCodes
}

/** True for a fresh TOTP code or an unused recovery code (which is then used up). */
export async function checkSecondFactor(
  db: Queryable,
  keyring: Keyring,
  userId: string,
  code: string,
): Promise<boolean> {
  if (/^\d{6}$/.test(code)) {
    const step = await matchingStep(db, keyring, userId, code, { confirmed: true })
    if (step === undefined) return false
    // only a step later than the last one used: a code works once
    const { rowCount } = await db.query(
      `update user_totp set last_step = $2
        where user_id = $1 and confirmed_at is not null and (last_step is null or last_step < $2)`,
      [userId, step],
    )
    return rowCount === 1
  }
  const { rowCount } = await db.query(
    `update recovery_code set used_at = now() where user_id = $1 and code_hash = $2 and used_at is null`,
    [userId, codeHash(code)],
  )
  return rowCount === 1
}

async function matchingStep(
  db: Queryable,
  keyring: Keyring,
  userId: string,
  code: string,
  { confirmed }: { confirmed: boolean },
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined
  const { rows } = await db.query<{ secret_sealed: Buffer }>(
    `select secret_sealed from user_totp where user_id = $1 and (confirmed_at is not null) = $2`,
    [userId, confirmed],
  )
  const row = rows[0]
  if (!row) return undefined
  const secret = keyring.scope(SEAL_SCOPE).open(row.secret_sealed, sealContext(userId))
  const epoch = Math.floor(Date.now() / 1000)
  // one step either side: a phone's clock a little off, a code typed as it turned
  const result = await verify({ secret, token: code, epoch, period: PERIOD, epochTolerance: PERIOD })
  return result.valid ? Math.floor(epoch / PERIOD) + result.delta : undefined
}
