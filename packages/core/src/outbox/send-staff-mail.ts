// A mail to a member of staff through a helpline's mailbox, from an outbox row: sent, retried
// while the failure may pass (up to a number of tries), or given up. The row is done either way
// but a retry.
import { randomUUID } from 'node:crypto'
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from './outbox.ts'

export async function sendStaffMail(
  pool: Pool,
  services: Services,
  row: OutboxRow,
  mail: { adapter: ChannelAdapter; channel: ChannelRow; to: string; text: string; maxTries: number },
): Promise<'sent' | 'failed' | 'retry'> {
  try {
    await mail.adapter.send(
      openConnection(services.keyring, mail.channel),
      mail.to,
      { id: randomUUID(), text: mail.text, createdAt: services.clock() },
      { pushToWidget: services.publisher.toWidget },
    )
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < mail.maxTries) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_SEND')
      return 'retry'
    }
    await complete(pool, row.id)
    return 'failed'
  }
  await complete(pool, row.id)
  return 'sent'
}
