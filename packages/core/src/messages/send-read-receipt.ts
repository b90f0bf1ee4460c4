// The worker's task for a read receipt: a courtesy to the person, never worth a volunteer's
// attention. Retried a few times on a provider's hiccup, then dropped; nothing is shown.
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { openProviderId } from './provider-ids.ts'

const MAX_ATTEMPTS = 5

export async function sendReadReceipt(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'retry' | 'dropped'> {
  const { rows } = await pool.query<
    ChannelRow & {
      id: string
      contact_id: string
      key_sealed: Buffer | null
      provider_id_sealed: Buffer | null
      channel_kind: string
    }
  >(
    `select m.id, m.helpline_id, m.channel_id, m.provider_id_sealed, c.contact_id, k.key_sealed,
            ch.kind as channel_kind, ch.config as channel_config, ch.secrets as channel_secrets
       from message m join channel ch on ch.id = m.channel_id
       join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where m.id = $1`,
    [row.payload.messageId ?? ''],
  )
  const message = rows[0]
  const adapter = message ? adapters[message.channel_kind] : undefined
  if (!message || !adapter?.markRead || !message.provider_id_sealed) {
    await complete(pool, row.id)
    return 'dropped'
  }
  try {
    const sealer = services.keyring.contact(message.helpline_id, message.contact_id, message.key_sealed)
    const providerId = openProviderId(sealer, message.id, message.provider_id_sealed) ?? ''
    await adapter.markRead(openConnection(services.keyring, message), providerId)
    await complete(pool, row.id)
    return 'sent'
  } catch (error) {
    if (error instanceof ChannelSendError && error.retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, error.code)
      return 'retry'
    }
    await complete(pool, row.id)
    return 'dropped'
  }
}
