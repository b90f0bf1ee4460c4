// Waiting for the worker in tests: until every reply of a conversation has left the outbox (sent,
// held or failed), with the outbox's backoff let pass at once, so retries happen while the test
// waits; and the list a fake fills, up to a count.
import type { Pool } from '@ascolto/db'

export type OutboundRow = {
  id: string
  status: string
  error_code: string | null
  provider_message_id: string | null
}

export async function repliesSettled(
  pool: Pool,
  conversationId: string,
  options: { count?: number; ms?: number } = {},
): Promise<OutboundRow[]> {
  const deadline = Date.now() + (options.ms ?? 20_000)
  for (;;) {
    const { rows } = await pool.query<OutboundRow>(
      `select id, status, error_code, provider_message_id from message
        where conversation_id = $1 and direction = 'outbound' order by seq`,
      [conversationId],
    )
    const pending = await pool.query(
      `select 1 from outbox where kind = 'deliver_message' and payload->>'messageId' = any($1::text[]) limit 1`,
      [rows.map((row) => row.id)],
    )
    if (
      rows.length >= (options.count ?? 1) &&
      rows.every((row) => row.status !== 'queued') &&
      pending.rowCount === 0
    ) {
      return rows
    }
    if (Date.now() > deadline) throw new Error(`the replies of ${conversationId} did not settle in time`)
    await pool.query('update outbox set run_at = now() where run_at > now()')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** What a fake's `waitForSent` does: resolves once `list` holds `count` items. */
export function listWaiter<T>(list: T[], what: string) {
  const waiters = new Set<() => void>()
  return {
    wake: () => {
      for (const wake of waiters) wake()
    },
    waitFor: (count: number, ms = 15_000) =>
      new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (list.length < count) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(list.slice(0, count))
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`${what}: ${list.length} of ${count} within ${ms} ms`))
        }, ms)
        waiters.add(check)
        check()
      }),
  }
}
