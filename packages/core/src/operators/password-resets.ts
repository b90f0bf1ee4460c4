// "Password dimenticata?": a single-use link that sets a new password, by e-mail through the
// mailbox of one of the person's helplines (where SMTP is configured) or issued by a coordinator
// of their helpline to pass on. The database keeps only the token's SHA-256; the link expires,
// works once, and using it ends every session of the account (a thief signed in is put out).
// Asking is throttled per address asked for and per client, and answers the same whether the
// address has an account or not: the page is no way to learn who works at a helpline.
import { randomBytes } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { enqueue } from '../outbox/outbox.ts'
import { endSessionsOf, findMemberForCoordinator } from './end-sessions.ts'
import { tokenHash } from './invitations.ts'
import { hashPassword } from './passwords.ts'
import { assertNotThrottled, recordSignInFailure, recordSignInSuccess } from './sign-in-throttle.ts'

/** A link by e-mail is used at once or not at all; one a coordinator passes on needs a day. */
export const RESET_MINUTES = { email: 60, issued: 24 * 60 } as const

/** The keys requests are counted under, apart from sign-in failures. */
const requestKeys = (email: string, address: string) => ({
  account: `password-reset:${email}`,
  address: `password-reset:${address}`,
})

export const resetLinkContext = (resetId: string) => `password-reset:${resetId}`

async function createReset(
  db: Queryable,
  input: { userId: string; helplineId: string; issuedBy: string | null; minutes: number },
) {
  const token = randomBytes(32).toString('base64url')
  const { rows } = await db.query<{ id: string; expires_at: Date }>(
    `insert into password_reset (token_hash, user_id, helpline_id, issued_by, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(mins => $5)) returning id, expires_at`,
    [tokenHash(token), input.userId, input.helplineId, input.issuedBy, input.minutes],
  )
  const row = rows[0]
  if (!row) throw new Error('Password reset insert returned nothing')
  return { id: row.id, token, expiresAt: row.expires_at }
}

/**
 * Someone asks for a link for an address. Where it is an active account's and one of its
 * helplines has a mailbox, a link is queued to it (sealed in the outbox: only its hash stays).
 * The caller answers the same in every case; a throttled request is refused (429) whoever asks.
 */
export async function requestPasswordReset(
  tx: Tx,
  keyring: Keyring,
  input: { email: string; address: string; linkOf: (token: string) => string },
): Promise<void> {
  const email = input.email.trim().toLowerCase()
  const keys = requestKeys(email, input.address)
  await assertNotThrottled(tx, keys)
  await recordSignInFailure(tx, keys)
  const { rows } = await tx.query<{ user_id: string; helpline_id: string; channel_id: string }>(
    `select u.id as user_id, c.helpline_id, c.id as channel_id
       from app_user u
       join membership m on m.user_id = u.id
       join channel c on c.helpline_id = m.helpline_id and c.kind = 'email' and c.enabled
      where u.email = $1 and u.deactivated_at is null
      order by m.created_at, c.created_at limit 1`,
    [email],
  )
  const target = rows[0]
  if (!target) return
  const reset = await createReset(tx, {
    userId: target.user_id,
    helplineId: target.helpline_id,
    issuedBy: null,
    minutes: RESET_MINUTES.email,
  })
  const sealed = keyring
    .scope('staff-accounts')
    .seal(input.linkOf(reset.token), resetLinkContext(reset.id))
    .toString('base64')
  await enqueue(tx, 'password_reset', `password-reset:${target.user_id}`, {
    resetId: reset.id,
    channelId: target.channel_id,
    link: sealed,
  })
  await recordAuditEvent(tx, {
    helplineId: target.helpline_id,
    actorId: null,
    action: 'staff.password_reset_mailed',
    subjectType: 'user',
    subjectId: target.user_id,
  })
}

/** A coordinator issues a link for a member of their helpline, to pass on (no mailbox needed). */
export async function issuePasswordReset(
  db: Queryable,
  actor: Actor,
  input: { helplineId: string; userId: string },
): Promise<{ token: string; expiresAt: string }> {
  await findMemberForCoordinator(db, actor, input.helplineId, input.userId)
  const active = await db.query('select 1 from app_user where id = $1 and deactivated_at is null', [
    input.userId,
  ])
  if (!active.rowCount) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Member not found')
  const reset = await createReset(db, {
    ...input,
    issuedBy: actor.userId,
    minutes: RESET_MINUTES.issued,
  })
  await recordAuditEvent(db, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'staff.password_reset_issued',
    subjectType: 'user',
    subjectId: input.userId,
  })
  return { token: reset.token, expiresAt: reset.expiresAt.toISOString() }
}

async function openReset(db: Queryable, token: string, lock: boolean) {
  const { rows } = await db.query<{ id: string; user_id: string; helpline_id: string; email: string }>(
    `select r.id, r.user_id, r.helpline_id, u.email from password_reset r join app_user u on u.id = r.user_id
      where r.token_hash = $1 and r.used_at is null and r.expires_at > now() and u.deactivated_at is null
      ${lock ? 'for update of r' : ''}`,
    [tokenHash(token)],
  )
  const reset = rows[0]
  if (!reset) {
    throw new AscoltoError('ASCOLTO_ERR_RESET_INVALID', 'This link was used or has expired')
  }
  return reset
}

/** What the reset page says before the new password: the address it is for. */
export async function describePasswordReset(db: Queryable, token: string): Promise<{ email: string }> {
  return { email: (await openReset(db, token, false)).email }
}

/**
 * Sets the new password: the link is spent (with every other open link of the account), the
 * sign-in failures forgotten, and every session ended, the open consoles dropped at once.
 */
export async function completePasswordReset(
  db: Queryable,
  input: { token: string; password: string },
): Promise<{ email: string }> {
  const reset = await openReset(db, input.token, true)
  await db.query('update app_user set password_hash = $2 where id = $1', [
    reset.user_id,
    await hashPassword(input.password),
  ])
  await db.query('update password_reset set used_at = now() where user_id = $1 and used_at is null', [
    reset.user_id,
  ])
  await endSessionsOf(db, reset.user_id)
  await recordSignInSuccess(db, { account: reset.email, address: '' })
  await recordAuditEvent(db, {
    helplineId: reset.helpline_id,
    actorId: reset.user_id,
    action: 'staff.password_reset',
    subjectType: 'user',
    subjectId: reset.user_id,
  })
  return { email: reset.email }
}
