// Sessions: the cookie carries a random token, the database keeps only its SHA-256.
import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { verifyPassword } from './passwords.ts'

/** Signed out after this long without use. */
export const SESSION_IDLE_HOURS = 12

const tokenHash = (token: string) => createHash('sha256').update(token).digest()

export async function signIn(
  db: Queryable,
  email: string,
  password: string,
): Promise<{ token: string; userId: string }> {
  const { rows } = await db.query<{ id: string; password_hash: string }>(
    'select id, password_hash from app_user where email = $1 and deactivated_at is null',
    [email.trim().toLowerCase()],
  )
  const user = rows[0]
  if (!(await verifyPassword(user?.password_hash, password)) || !user) {
    throw new AscoltoError('ASCOLTO_ERR_BAD_CREDENTIALS', 'Wrong e-mail or password')
  }
  const token = randomBytes(32).toString('base64url')
  await db.query(
    `insert into user_session (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(hours => $3))`,
    [tokenHash(token), user.id, SESSION_IDLE_HOURS],
  )
  return { token, userId: user.id }
}

export async function signOut(db: Queryable, token: string) {
  await db.query('delete from user_session where token_hash = $1', [tokenHash(token)])
}

/** The actor behind a session token, or undefined when it is unknown, expired or deactivated. */
export async function actorForSession(db: Queryable, token: string): Promise<Actor | undefined> {
  const { rows } = await db.query<{
    user_id: string
    display_name: string
    is_admin: boolean
    roles: Array<{ helpline_id: string; role: 'volunteer' | 'supervisor' | 'coordinator' }> | null
  }>(
    `with touched as (
       update user_session set last_seen_at = now(), expires_at = now() + make_interval(hours => $2)
        where token_hash = $1 and expires_at > now() returning user_id)
     select u.id as user_id, u.display_name, u.is_admin,
            (select json_agg(json_build_object('helpline_id', m.helpline_id, 'role', m.role))
               from membership m where m.user_id = u.id) as roles
       from touched t join app_user u on u.id = t.user_id
      where u.deactivated_at is null`,
    [tokenHash(token), SESSION_IDLE_HOURS],
  )
  const row = rows[0]
  if (!row) return undefined
  return {
    userId: row.user_id,
    displayName: row.display_name,
    isAdmin: row.is_admin,
    roles: new Map((row.roles ?? []).map((r) => [r.helpline_id, r.role])),
  }
}
