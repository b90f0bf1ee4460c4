// A provider's throughput limit per channel (WhatsApp: 80 messages a second per number by
// default), kept across every worker process: each send takes the next free slot, 1/rate seconds
// after the one before. A slot within a second is waited for; a later one leaves the row for
// then, so a burst is spread out and nothing is dropped. One statement per send.
import type { Pool } from '@ascolto/db'

/** Longer than this, the row goes back to the outbox instead of holding its lease while waiting. */
const MAX_WAIT_SECONDS = 1

/** The channels known to have their row here: it is written once, then only updated. */
const known = new Set<string>()

/** Milliseconds to wait before sending (a slot is taken), or `later` with the seconds until one may be. */
export async function takeSendSlot(
  pool: Pool,
  channelId: string,
  perSecond: number | null | undefined,
): Promise<{ waitMs: number } | { laterSeconds: number }> {
  if (!perSecond) return { waitMs: 0 }
  if (!known.has(channelId)) {
    await pool.query(
      'insert into channel_pace (channel_id, next_send_at) values ($1, now()) on conflict do nothing',
      [channelId],
    )
    known.add(channelId)
  }
  // the slot is the later of the next free one and now; taken only when it is close enough
  const { rows } = await pool.query<{ wait: number; taken: boolean }>(
    `update channel_pace p
        set next_send_at = case when s.wait <= $3 then s.slot + make_interval(secs => $2) else p.next_send_at end
       from (select greatest(next_send_at, clock_timestamp()) as slot,
                    extract(epoch from greatest(next_send_at, clock_timestamp()) - clock_timestamp())::float8 as wait
               from channel_pace where channel_id = $1 for update) s
      where p.channel_id = $1
      returning s.wait, s.wait <= $3 as taken`,
    [channelId, 1 / perSecond, MAX_WAIT_SECONDS],
  )
  const slot = rows[0]
  // the row went away (the channel was deleted): nothing to keep pace with
  if (!slot) {
    known.delete(channelId)
    return { waitMs: 0 }
  }
  return slot.taken ? { waitMs: slot.wait * 1000 } : { laterSeconds: slot.wait }
}
