// The outbox: work written in the same transaction as its cause, done at least once after the
// commit by a worker. A claim is a short lease, so a worker that dies mid-task lets go of it by
// itself; rows sharing an order_key run one at a time, oldest first.
import type { Queryable } from '@ascolto/db'
import type { Tx } from '../context.ts'

export type OutboxKind =
  /** a message to the person through its channel */
  | 'deliver_message'
  /** a file the person sent, fetched from the provider and stored sealed */
  | 'fetch_media'
  /** the read receipt of a person's message */
  | 'send_read_receipt'
  /** a safeguarding flag to the on-call supervisor's phone or e-mail, again until acknowledged */
  | 'safeguarding_alert'
  /** a mediator of the language asked for, on the on-call door, again until one joins (mediation/) */
  | 'mediator_alert'
  /** the provider's own copies of erased messages (Twilio's logs), deleted there too */
  | 'erase_provider_copies'
  /** a coordinator's daily digest of the rota's gaps, through the helpline's mailbox */
  | 'rota_digest'
  /** a live call's conference at the provider: the call moved into it, a mediator called in or let go */
  | 'call_conference'
  /** an operator's reminder before their shift, through the helpline's mailbox */
  | 'shift_reminder'
  /** a password reset link, through the mailbox of one of the person's helplines */
  | 'password_reset'
  /** the data-protection contact told of a reveal or an export (contacts/privacy-notice.ts) */
  | 'privacy_notice'
  /** a referral, or a state of one, to the partner installation (referrals/remote.ts) */
  | 'referral_remote'
export type OutboxRow = {
  id: string
  kind: OutboxKind
  order_key: string
  payload: Record<string, string>
  attempts: number
}

/** How long a claimed row stays with its worker: longer than any send may take. */
export const LEASE_SECONDS = 20

export async function enqueue(tx: Tx, kind: OutboxKind, orderKey: string, payload: Record<string, string>) {
  await tx.query('insert into outbox (kind, order_key, payload) values ($1, $2, $3)', [
    kind,
    orderKey,
    payload,
  ])
}

export async function claimDue(db: Queryable, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `with next as (
       select o.id from outbox o
        where o.run_at <= now() and (o.leased_until is null or o.leased_until < now())
          and not exists (select 1 from outbox earlier where earlier.order_key = o.order_key and earlier.id < o.id)
        order by o.id limit $1
        for update skip locked)
     update outbox set leased_until = now() + make_interval(secs => $2), attempts = attempts + 1
       from next where outbox.id = next.id
     returning outbox.id, outbox.kind, outbox.order_key, outbox.payload, outbox.attempts`,
    [limit, LEASE_SECONDS],
  )
  return rows
}

export async function complete(db: Queryable, id: string) {
  await db.query('delete from outbox where id = $1', [id])
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffSeconds(attempts: number) {
  const base = Math.min(600, 2 ** Math.min(attempts, 10))
  return base * (0.75 + Math.random() * 0.5)
}

export async function retryLater(db: Queryable, row: OutboxRow, error: string) {
  await db.query(
    `update outbox set leased_until = null, last_error = $2, run_at = now() + make_interval(secs => $3) where id = $1`,
    [row.id, error.slice(0, 500), backoffSeconds(row.attempts)],
  )
}

/** Not done yet through no failure (a provider's pace): again in `seconds`, the try not counted. */
export async function postpone(db: Queryable, row: OutboxRow, seconds: number) {
  await db.query(
    `update outbox set leased_until = null, attempts = attempts - 1, run_at = now() + make_interval(secs => $2)
      where id = $1`,
    [row.id, seconds],
  )
}

/** Seconds until the next row falls due, so an idle worker sleeps exactly as long as it may. */
export async function secondsUntilNextDue(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ wait: number | null }>(
    `select extract(epoch from (min(greatest(o.run_at, coalesce(o.leased_until, o.run_at))) - now()))::float8 as wait
       from outbox o
      where not exists (select 1 from outbox earlier where earlier.order_key = o.order_key and earlier.id < o.id)`,
  )
  return rows[0]?.wait ?? null
}
