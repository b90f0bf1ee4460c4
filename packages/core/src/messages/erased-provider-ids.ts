// A replayed webhook must not bring an erased person back. Providers retry for days (Meta up to
// 7), and anyone holding a captured signed body can send it again: dedupe by the message row is
// gone once erasure deletes it. So erasure keeps the keyed hashes of the person's provider ids
// (nothing that names them) for the retry window, ingest acknowledges those without storing, and a
// webhook event older than the window is refused by its own timestamp, so nothing needs keeping
// longer: the retention job purges the hashes past it.
import type { Queryable } from '@ascolto/db'
import type { Tx } from '../context.ts'

/** Meta retries for up to 7 days; Twilio and Telegram for less. */
export const REPLAY_WINDOW_DAYS = 7
const WINDOW_MS = REPLAY_WINDOW_DAYS * 24 * 3600 * 1000

/** An event stamped before the window: acknowledged, never stored. */
export const isPastReplayWindow = (receivedAt: Date, now: Date) =>
  receivedAt.getTime() < now.getTime() - WINDOW_MS

/** In the erasure's transaction, before the messages of these conversations are deleted. */
export async function rememberErasedProviderIds(tx: Tx, conversationIds: readonly string[]) {
  await tx.query(
    `insert into erased_provider_id (channel_id, provider_id_hash)
     select channel_id, provider_message_id from message
      where conversation_id = any($1::uuid[]) and direction = 'inbound' and provider_message_id is not null
     on conflict (channel_id, provider_id_hash) do update set erased_at = now()`,
    [conversationIds],
  )
}

/** Past the window a replay is refused by its timestamp: the hashes are no longer needed. */
export async function purgeErasedProviderIds(db: Queryable, now: Date) {
  const { rowCount } = await db.query('delete from erased_provider_id where erased_at < $1', [
    new Date(now.getTime() - WINDOW_MS),
  ])
  return rowCount ?? 0
}
