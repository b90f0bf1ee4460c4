// The worker's task for a file a person sent: ask the channel for it (WhatsApp's download URL is
// only minutes old, so this runs soon after ingest, never in the webhook's request), check its
// size and type, and store it sealed with the person's key, bound to its message. The console
// is told when it is ready, refused or lost.
import { type ChannelAdapter, ChannelSendError, type InboundMedia } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { complete, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { baseMimeType, isAcceptedMediaType, MAX_MEDIA_BYTES } from './media-types.ts'

/** A provider keeps a file for weeks, but a fetch that keeps failing for a day will not succeed. */
const MAX_ATTEMPTS = 12

export type MediaOutcome = 'stored' | 'refused' | 'failed' | 'retry'

type MediaRow = ChannelRow & {
  channel_kind: string
  contact_id: string
  key_sealed: Buffer | null
  media: InboundMedia
  media_status: string
  kind: string
}

export const mediaContext = (messageId: string) => `media:${messageId}`

export async function fetchMessageMedia(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<MediaOutcome> {
  const messageId = row.payload.messageId ?? ''
  const { rows } = await pool.query<MediaRow>(
    `select m.helpline_id, m.channel_id, m.media, m.media_status, m.kind, ch.kind as channel_kind,
            ch.config as channel_config, ch.secrets as channel_secrets, c.contact_id, k.key_sealed
       from message m join channel ch on ch.id = m.channel_id join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where m.id = $1`,
    [messageId],
  )
  const message = rows[0]
  // deleted meanwhile (retention, erasure), or done before this row was cleared
  if (message?.media_status !== 'pending') {
    await complete(pool, row.id)
    return 'stored'
  }

  const finish = async (outcome: 'stored' | 'refused' | 'failed', error: string | null) => {
    await pool.query(
      `with done as (delete from outbox where id = $1)
       update message set media_status = $3, media_error = $4, updated_at = now() where id = $2`,
      [row.id, messageId, outcome, error],
    )
    const view = await loadMessageView(pool, services.keyring, message.helpline_id, messageId)
    services.publisher.toConsoles(message.helpline_id, 'message.updated', view)
    // a voicemail's call-back shows whether its recording is ready to play
    if (message.kind === 'voicemail') {
      services.publisher.toConsoles(message.helpline_id, 'callbacks.changed', {
        helplineId: message.helpline_id,
      })
    }
    return outcome
  }

  const adapter = adapters[message.channel_kind]
  if (!adapter?.fetchMedia) return finish('failed', 'ASCOLTO_ERR_MEDIA_UNSUPPORTED')
  try {
    const file = await adapter.fetchMedia(openConnection(services.keyring, message), message.media, {
      maxBytes: MAX_MEDIA_BYTES,
    })
    if (!isAcceptedMediaType(file.mimeType)) return finish('refused', 'ASCOLTO_ERR_MEDIA_TYPE')
    await pool.query(
      `insert into media_file (message_id, helpline_id, mime_type, byte_size, sha256, sealed)
       values ($1, $2, $3, $4, $5, $6) on conflict (message_id) do nothing`,
      [
        messageId,
        message.helpline_id,
        baseMimeType(file.mimeType),
        file.bytes.length,
        file.sha256,
        services.keyring
          .contact(message.helpline_id, message.contact_id, message.key_sealed)
          .sealBytes(file.bytes, mediaContext(messageId)),
      ],
    )
    return finish('stored', null)
  } catch (error) {
    const fetchError =
      error instanceof ChannelSendError
        ? error
        : new ChannelSendError('ASCOLTO_ERR_MEDIA', String(error), true)
    if (fetchError.retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, fetchError.code)
      return 'retry'
    }
    return finish(fetchError.code === 'ASCOLTO_ERR_MEDIA_TOO_LARGE' ? 'refused' : 'failed', fetchError.code)
  }
}
