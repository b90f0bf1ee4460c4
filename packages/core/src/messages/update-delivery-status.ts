// A provider's report on an outbound message (sent, delivered, read, failed), found by the id the
// provider gave it. Reports arrive out of order and more than once: a status only ever moves
// forward, queued < sent < failed < delivered < read (delivery_status_rank, migration 0004). A
// failure records the provider's code, which the console shows. A report that outruns the
// worker's record of its send waits in delivery_status_early and is applied when the id is written.
import type { ChannelConnection, DeliveryStatusUpdate } from '@ascolto/channels'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadMessageView } from './message-views.ts'

export type DeliveryStatusOutcome =
  /** the message moved forward */
  | 'updated'
  /** a repeat, or a report older than what is known */
  | 'unchanged'
  /** no message has that id yet: kept a day, for a send being recorded right now (or sent by other software) */
  | 'early'

export async function updateDeliveryStatus(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  connection: ChannelConnection,
  update: DeliveryStatusUpdate,
): Promise<DeliveryStatusOutcome> {
  // reports name the send by the provider's id; Ascolto keeps only its keyed hash
  const providerIdHash = services.keyring.hashProviderId(connection.id, update.providerMessageId)
  // the lock the trigger that writes a send's id takes too
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `${connection.id}:${providerIdHash}`,
  ])
  const errorCode = update.status === 'failed' ? (update.errorCode ?? 'unknown') : null
  const updated = await tx.query<{ id: string; helpline_id: string }>(
    `update message set status = $3, error_code = $4, updated_at = now()
      where channel_id = $1 and provider_message_id = $2 and direction = 'outbound'
        and delivery_status_rank(status) < delivery_status_rank($3)
      returning id, helpline_id`,
    [connection.id, providerIdHash, update.status, errorCode],
  )
  const row = updated.rows[0]
  if (row) {
    const view = await loadMessageView(tx, services.keyring, row.helpline_id, row.id)
    afterCommit(() => services.publisher.toConsoles(row.helpline_id, 'message.updated', view))
    return 'updated'
  }
  const known = await tx.query(
    `select 1 from message where channel_id = $1 and provider_message_id = $2 and direction = 'outbound'`,
    [connection.id, providerIdHash],
  )
  if (known.rowCount) return 'unchanged'
  await tx.query(
    `insert into delivery_status_early (channel_id, provider_message_id, status, error_code)
     values ($1, $2, $3, $4) on conflict do nothing`,
    [connection.id, providerIdHash, update.status, errorCode],
  )
  await tx.query(`delete from delivery_status_early where received_at < now() - interval '1 day'`)
  return 'early'
}
