// A provider's throughput limit per channel (WhatsApp: 80 messages a second per number by
// default), kept across every worker process: each send takes the next free slot, 1/rate seconds
// after the one before. A slot within a second is waited for; a later one leaves the row for
// then, so a burst is spread out and nothing is dropped.
import { type Pool, withTransaction } from '@ascolto/db'

/** Longer than this, the row goes back to the outbox instead of holding its lease while waiting. */
const MAX_WAIT_MS = 1000

/** Milliseconds to wait before sending (a slot is taken), or `later` with the seconds until one may be. */
export async function takeSendSlot(
  pool: Pool,
  channelId: string,
  perSecond: number | null | undefined,
): Promise<{ waitMs: number } | { laterSeconds: number }> {
  if (!perSecond) return { waitMs: 0 }
  const stepMs = 1000 / perSecond
  return withTransaction(pool, async (tx) => {
    await tx.query(
      'insert into channel_pace (channel_id, next_send_at) values ($1, now()) on conflict do nothing',
      [channelId],
    )
    const { rows } = await tx.query<{ wait_ms: number }>(
      `select greatest(0, extract(epoch from next_send_at - clock_timestamp()) * 1000)::float8 as wait_ms
         from channel_pace where channel_id = $1 for update`,
      [channelId],
    )
    const waitMs = rows[0]?.wait_ms ?? 0
    if (waitMs > MAX_WAIT_MS) return { laterSeconds: waitMs / 1000 }
    await tx.query(
      `update channel_pace
          set next_send_at = greatest(next_send_at, clock_timestamp()) + make_interval(secs => $2)
        where channel_id = $1`,
      [channelId, stepMs / 1000],
    )
    return { waitMs }
  })
}
