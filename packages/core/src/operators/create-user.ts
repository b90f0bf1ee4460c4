import type { Queryable } from '@ascolto/db'
import type { MemberRole } from '@ascolto/protocol'
import { hashPassword } from './passwords.ts'

export async function createUser(
  db: Queryable,
  input: { email: string; displayName: string; password: string; isAdmin?: boolean; locale?: string },
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into app_user (email, display_name, password_hash, is_admin, locale) values ($1, $2, $3, $4, $5) returning id`,
    [
      input.email.trim().toLowerCase(),
      input.displayName,
      await hashPassword(input.password),
      input.isAdmin ?? false,
      input.locale ?? 'it',
    ],
  )
  const row = rows[0]
  if (!row) throw new Error('User insert returned nothing')
  return row
}

export async function addMembership(
  db: Queryable,
  input: { userId: string; helplineId: string; role: MemberRole },
) {
  await db.query(
    `insert into membership (user_id, helpline_id, role) values ($1, $2, $3)
     on conflict (user_id, helpline_id) do update set role = excluded.role`,
    [input.userId, input.helplineId, input.role],
  )
}
