// A text to a member of staff's own address (a coordinator, the data-protection contact) through
// one of the helpline's channels, done as an outbox row: retried while the provider says later.
import { randomUUID } from 'node:crypto'
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from './outbox.ts'

export async function sendToStaff(
  pool: Pool,
  services: Services,
  through: { adapter: ChannelAdapter; channel: ChannelRow },
  message: { to: string; text: string },
  row: OutboxRow,
  maxTries: number,
): Promise<'sent' | 'failed' | 'retry'> {
  try {
    await through.adapter.send(
      openConnection(services.keyring, through.channel),
      message.to,
      { id: randomUUID(), text: message.text, createdAt: services.clock() },
      { pushToWidget: services.publisher.toWidget },
    )
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < maxTries) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_SEND')
      return 'retry'
    }
    await complete(pool, row.id)
    return 'failed'
  }
  await complete(pool, row.id)
  return 'sent'
}
