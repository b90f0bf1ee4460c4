// The worker's half of a reply: hand it to its channel, record the provider's id, tell the
// consoles. A message that already has a provider id was sent before its row was cleared:
// it is not sent again.
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { openChannelSecrets } from '../channels/channel-secrets.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { loadMessageView } from './message-views.ts'

/** After this many tries a retryable failure is given up and shown to the volunteer as failed. */
export const MAX_ATTEMPTS = 15

type DeliveryRow = {
  id: string
  helpline_id: string
  channel_id: string
  channel_kind: string
  channel_config: Record<string, unknown>
  channel_secrets: Buffer | null
  body_sealed: Buffer
  created_at: Date
  provider_message_id: string | null
  address_sealed: Buffer | null
}

export async function deliverMessage(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'retry' | 'failed'> {
  const { keyring, publisher } = services
  const messageId = row.payload.messageId ?? ''
  const { rows } = await pool.query<DeliveryRow>(
    `select m.id, m.helpline_id, m.channel_id, ch.kind as channel_kind, ch.config as channel_config,
            ch.secrets as channel_secrets,
            m.body_sealed, m.created_at, m.provider_message_id, ci.address_sealed
       from message m
       join conversation c on c.id = m.conversation_id
       join channel ch on ch.id = m.channel_id
       left join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = m.channel_id
      where m.id = $1`,
    [messageId],
  )
  const message = rows[0]
  // deleted meanwhile (retention, erasure): nothing left to deliver
  if (!message || message.provider_message_id) {
    await complete(pool, row.id)
    return 'sent'
  }

  const finish = async (status: 'sent' | 'failed', providerId: string | null, errorCode: string | null) => {
    await pool.query(
      `with done as (delete from outbox where id = $1)
       update message set status = $3, provider_message_id = $4, error_code = $5, updated_at = now() where id = $2`,
      [row.id, message.id, status, providerId, errorCode],
    )
    publisher.toConsoles(
      message.helpline_id,
      'message.updated',
      await loadMessageView(pool, keyring, message.helpline_id, message.id),
    )
  }

  const adapter = adapters[message.channel_kind]
  if (!adapter || !message.address_sealed) {
    await finish('failed', null, adapter ? 'ASCOLTO_ERR_NO_ADDRESS' : 'ASCOLTO_ERR_UNKNOWN_CHANNEL')
    return 'failed'
  }
  try {
    const result = await adapter.send(
      {
        id: message.channel_id,
        helplineId: message.helpline_id,
        config: message.channel_config,
        secrets: openChannelSecrets(
          keyring,
          { id: message.channel_id, helplineId: message.helpline_id },
          message.channel_secrets,
        ),
      },
      keyring.open(message.helpline_id, message.address_sealed, `address:${message.channel_id}`),
      {
        id: message.id,
        text: keyring.open(message.helpline_id, message.body_sealed, `message:${message.id}`),
        createdAt: message.created_at,
      },
      { pushToWidget: publisher.toWidget },
    )
    await finish('sent', result.providerMessageId, null)
    return 'sent'
  } catch (error) {
    const sendError =
      error instanceof ChannelSendError
        ? error
        : new ChannelSendError('ASCOLTO_ERR_SEND', String(error), true)
    if (sendError.retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, sendError.code)
      return 'retry'
    }
    await finish('failed', null, sendError.code)
    return 'failed'
  }
}
