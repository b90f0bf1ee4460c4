// What a provider's webhook carried, stored: every message through the one ingest path (one
// transaction per person, so a batch never holds two people's locks at once, and a person's
// several messages take one BEGIN and one COMMIT), with the media id and
// the message it answers (the file itself is fetched by the worker, never in the webhook's
// request); every status report applied. The caller answers the provider only
// once this has returned, so everything acknowledged is committed.
// A body's messages are stored a few people at a time (each person's in the order written), so
// a large batch takes a fraction of the time one-by-one would; how many one body may carry is the
// webhook route's bound (WEBHOOK_EVENTS_PER_BODY).
import type { ChannelConnection, InboundMessage, WebhookEvents } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Services, Tx } from '../context.ts'
import { isPastReplayWindow } from '../messages/erased-provider-ids.ts'
import { type IngestResult, ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { type DeliveryStatusOutcome, updateDeliveryStatus } from '../messages/update-delivery-status.ts'
import { enqueue } from '../outbox/outbox.ts'
import { inLanes } from './in-lanes.ts'

/** People whose messages are stored at once, each person's in a transaction of its own (of the pool's 20). */
const PEOPLE_AT_ONCE = 4

export type ReceivedCounts = {
  stored: number
  duplicate: number
  dropped: number
  statuses: Record<DeliveryStatusOutcome, number>
}

export async function receiveChannelEvents(
  { pool, services }: { pool: Pool; services: Services },
  connection: ChannelConnection,
  events: Pick<WebhookEvents, 'messages' | 'statuses'>,
  /** mail read from the helpline's own mailbox is no replay: a late one is still a person's */
  options: { anyAge?: boolean } = {},
): Promise<ReceivedCounts> {
  const counts: ReceivedCounts = {
    stored: 0,
    duplicate: 0,
    dropped: 0,
    statuses: { updated: 0, unchanged: 0, early: 0 },
  }
  // one person's messages keep the order they were written in, and are stored in one transaction
  await inLanes(
    events.messages,
    (inbound) => inbound.from,
    PEOPLE_AT_ONCE,
    async (messages) => {
      // older than the providers' retry window: a replay, acknowledged and not stored (the real
      // time, not the helpline rules' clock: the window is the provider's)
      const fresh = options.anyAge
        ? messages
        : messages.filter((inbound) => !isPastReplayWindow(inbound.receivedAt, new Date()))
      counts.dropped += messages.length - fresh.length
      if (fresh.length === 0) return
      const outcomes = await withTransaction(pool, async (tx, afterCommit) => {
        const outcomes: IngestResult['outcome'][] = []
        for (const inbound of fresh) {
          const result = await ingestInboundMessage({ tx, afterCommit, services }, connection, inbound)
          if (
            result.outcome === 'stored' &&
            (await storeProviderDetails(tx, services, connection, result.messageId, inbound))
          ) {
            afterCommit(services.publisher.outboxChanged)
          }
          outcomes.push(result.outcome)
        }
        return outcomes
      })
      for (const outcome of outcomes) counts[outcome]++
    },
  )
  // one message's reports in the order the provider listed them (sent, delivered, read)
  await inLanes(
    events.statuses,
    (update) => update.providerMessageId,
    PEOPLE_AT_ONCE,
    async (updates) => {
      for (const update of updates) {
        const outcome = await withTransaction(pool, (tx, afterCommit) =>
          updateDeliveryStatus({ tx, afterCommit, services }, connection, update),
        )
        counts.statuses[outcome]++
      }
    },
  )
  return counts
}

/** The file's id and the message answered; a file is fetched by the worker (true: one was queued). */
async function storeProviderDetails(
  tx: Tx,
  services: Services,
  connection: ChannelConnection,
  messageId: string,
  inbound: InboundMessage,
) {
  if (!inbound.media && !inbound.replyTo) return false
  await tx.query(
    `update message set media = $2, media_status = case when $2::jsonb is null then null else 'pending' end,
            reply_to_provider_id = $3
      where id = $1`,
    [
      messageId,
      inbound.media ?? null,
      inbound.replyTo ? services.keyring.hashProviderId(connection.id, inbound.replyTo) : null,
    ],
  )
  if (!inbound.media) return false
  await enqueue(tx, 'fetch_media', `media:${messageId}`, { messageId })
  return true
}
