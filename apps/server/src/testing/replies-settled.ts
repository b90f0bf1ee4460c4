// Waiting for the worker in tests: until every reply of a conversation has left the outbox (sent,
// held or failed), with the outbox's backoff let pass at once, so retries happen while the test
// waits; and the list a fake fills, up to a count.
import { openProviderIds } from './sealed.ts'
import type { TestServer } from './test-server.ts'

export type OutboundRow = {
  id: string
  status: string
  error_code: string | null
  /** the provider's own id, opened (the row keeps it sealed beside its keyed hash) */
  provider_id: string | null
}

export async function repliesSettled(
  server: Pick<TestServer, 'pool' | 'services'>,
  conversationId: string,
  options: { count?: number; ms?: number } = {},
): Promise<OutboundRow[]> {
  const deadline = Date.now() + (options.ms ?? 20_000)
  for (;;) {
    const { pool } = server
    const rows = await outboundOf(server, conversationId)
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

/** The outbound messages of a conversation, in the order they were written, with their provider ids opened. */
export async function outboundOf(
  server: Pick<TestServer, 'pool' | 'services'>,
  conversationId: string,
): Promise<(OutboundRow & { kind: string })[]> {
  const { rows } = await server.pool.query<Omit<OutboundRow, 'provider_id'> & { kind: string }>(
    `select id, kind, status, error_code from message
      where conversation_id = $1 and direction = 'outbound' order by seq`,
    [conversationId],
  )
  return Promise.all(
    rows.map(async (row) => {
      const [id] = await openProviderIds(server.pool, server.services.keyring, { messageId: row.id })
      return { ...row, provider_id: id ?? null }
    }),
  )
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
