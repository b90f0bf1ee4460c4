// What a provider's webhook carried, stored: every message through the one ingest path (a
// person's several messages in one transaction, shared with the other people whose messages
// arrive meanwhile: transactions/transaction-groups.ts), with the media id and
// the message it answers (the file itself is fetched by the worker, never in the webhook's
// request); every status report applied. The caller answers the provider only
// once this has returned, so everything acknowledged is committed.
// A body's messages are stored together (each person's in the order written), so a large batch
// takes a fraction of the time one-by-one would; how many one body may carry is the webhook
// route's bound (WEBHOOK_EVENTS_PER_BODY).
import type { ChannelConnection, InboundMessage, WebhookEvents } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Services, Tx } from '../context.ts'
import { isPastReplayWindow } from '../messages/erased-provider-ids.ts'
import { type IngestResult, ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { type DeliveryStatusOutcome, updateDeliveryStatus } from '../messages/update-delivery-status.ts'
import { enqueue } from '../outbox/outbox.ts'
import { transactionGroupsOf } from '../transactions/transaction-groups.ts'
import { inLanes } from './in-lanes.ts'

/** Messages whose reports are applied at once, each report in a transaction of its own (of the pool's 20). */
const REPORTS_AT_ONCE = 4

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
  // one person's messages keep the order they were written in, and are stored in one transaction,
  // shared with other people's whose messages arrive at the same time (transaction-groups.ts)
  const groups = transactionGroupsOf(pool)
  const people = Map.groupBy(events.messages, (inbound) => `${connection.id}:${inbound.from}`)
  const stored = await Promise.allSettled(
    [...people].map(async ([person, messages]) => {
      // older than the providers' retry window: a replay, acknowledged and not stored (the real
      // time, not the helpline rules' clock: the window is the provider's)
      const fresh = options.anyAge
        ? messages
        : messages.filter((inbound) => !isPastReplayWindow(inbound.receivedAt, new Date()))
      counts.dropped += messages.length - fresh.length
      if (fresh.length === 0) return
      const outcomes = await groups.run(person, async (tx, afterCommit) => {
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
    }),
  )
  // what one person's failure left unstored stays so (a retry keeps the order); the first error
  // is thrown once every person's work has ended, so nothing is still being written
  const failed = stored.find((outcome) => outcome.status === 'rejected')
  if (failed) throw failed.reason
  // one message's reports in the order the provider listed them (sent, delivered, read)
  await inLanes(
    events.statuses,
    (update) => update.providerMessageId,
    REPORTS_AT_ONCE,
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
