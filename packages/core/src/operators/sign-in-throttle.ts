// Sign-in throttling, in PostgreSQL so it holds across instances: failures are counted per
// account and per address; past a threshold each key is locked for a while that doubles with
// every further failure, up to a cap. The lock always ends, so an attacker who hammers a real
// volunteer's e-mail slows them down for minutes at most, never locks them out for good; and
// while locked, no password is even checked, so the lock is no oracle.
import { createHash } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import { AscoltoError } from '../errors.ts'

/** Failures that lock, per account and per address (offices share one address). */
export const THROTTLE = {
  account: { free: 5 },
  address: { free: 20 },
  firstLockSeconds: 30,
  maxLockSeconds: 15 * 60,
  /** Failures older than this are forgotten. */
  forgetAfterSeconds: 60 * 60,
} as const

export type ThrottleKeys = { account: string; address: string }

const keyOf = (kind: 'account' | 'address', value: string) =>
  createHash('sha256').update(`${kind}:${value.trim().toLowerCase()}`).digest()

function keysOf(keys: ThrottleKeys) {
  return [
    { kind: 'account', key: keyOf('account', keys.account), free: THROTTLE.account.free },
    { kind: 'address', key: keyOf('address', keys.address), free: THROTTLE.address.free },
  ]
}

/** Refuses (429, with the seconds to wait) while the account or the address is locked. */
export async function assertNotThrottled(db: Queryable, keys: ThrottleKeys) {
  const { rows } = await db.query<{ wait: number | null }>(
    `select ceil(extract(epoch from max(locked_until) - now()))::int as wait
       from sign_in_throttle where key = any($1::bytea[]) and locked_until > now()`,
    [keysOf(keys).map((k) => k.key)],
  )
  const wait = rows[0]?.wait
  if (wait && wait > 0) throw new ThrottledError(wait)
}

/** Counts a failure on both keys, locking each that reached its allowance; says whether the account's lock began now. */
export async function recordSignInFailure(
  db: Queryable,
  keys: ThrottleKeys,
): Promise<{ accountLocked: boolean }> {
  let accountLocked = false
  for (const { key, free, kind } of keysOf(keys)) {
    await db.query(
      `insert into sign_in_throttle as t (key, failures, last_failure_at) values ($1, 1, now())
       on conflict (key) do update set
         failures = case when t.last_failure_at < now() - make_interval(secs => $2) then 1 else t.failures + 1 end,
         last_failure_at = now()`,
      [key, THROTTLE.forgetAfterSeconds],
    )
    const { rows } = await db.query<{ failures: number }>(
      `update sign_in_throttle set locked_until = now() + make_interval(secs =>
         least($3::float8, $4::float8 * power(2, failures - $2)))
        where key = $1 and failures >= $2 returning failures`,
      [key, free, THROTTLE.maxLockSeconds, THROTTLE.firstLockSeconds],
    )
    if (kind === 'account' && rows[0]?.failures === free) accountLocked = true
  }
  return { accountLocked }
}

/** A success forgets the account's failures (the address's stay: it may be trying many accounts). */
export async function recordSignInSuccess(db: Queryable, keys: ThrottleKeys) {
  await db.query('delete from sign_in_throttle where key = $1', [keyOf('account', keys.account)])
}

export class ThrottledError extends AscoltoError {
  readonly retryAfterSeconds: number
  constructor(seconds: number) {
    super('ASCOLTO_ERR_RATE_LIMITED', `Too many failed sign-ins: try again in ${seconds} s`)
    this.retryAfterSeconds = seconds
  }
}
