// Changing how an account signs in — a new authenticator app or passkey, new recovery codes —
// asks for the password again once the session's last proof of it is older than a few minutes:
// a session taken over on an unlocked laptop cannot plant a factor of its own. The password is
// checked, throttled and counted as at sign-in.
import type { Queryable } from '@ascolto/db'
import { AscoltoError } from '../errors.ts'
import { checkPassword, tokenHash } from './sessions.ts'

/** How long a password proven in this session covers a change to the account's factors. */
export const REAUTHENTICATION_MINUTES = 10

export async function reauthenticate(
  db: Queryable,
  session: { token: string; userId: string },
  input: { password: string; address: string },
) {
  const { rows } = await db.query<{ email: string }>('select email from app_user where id = $1', [
    session.userId,
  ])
  await checkPassword(db, { email: rows[0]?.email ?? '', ...input })
  await db.query('update user_session set password_at = now() where token_hash = $1', [
    tokenHash(session.token),
  ])
}

export async function requireRecentPassword(db: Queryable, token: string) {
  const { rowCount } = await db.query(
    `select 1 from user_session
      where token_hash = $1 and password_at > now() - make_interval(mins => $2)`,
    [tokenHash(token), REAUTHENTICATION_MINUTES],
  )
  if (rowCount !== 1) {
    throw new AscoltoError(
      'ASCOLTO_ERR_REAUTHENTICATION_REQUIRED',
      'Enter your password again to change how you sign in',
    )
  }
}
