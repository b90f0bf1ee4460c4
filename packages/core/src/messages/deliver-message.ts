// The worker's half of a reply: hand it to its channel, record the provider's id, tell the
// consoles. A message that already has a provider id was sent before its row was cleared: it is
// not sent again. A channel with a reply window gets no free text once it has closed: the reply
// is held and the channel's template goes instead (reply-window.ts). Sends keep to the channel's
// pace (send-pace.ts). A file the volunteer attached is opened here and handed over with its caption.
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { mediaContext } from '../media/fetch-message-media.ts'
import { complete, type OutboxRow, postpone, retryLater } from '../outbox/outbox.ts'
import { takeSendSlot } from '../outbox/send-pace.ts'
import { loadMessageView } from './message-views.ts'
import { openProviderId, providerIdContext } from './provider-ids.ts'
import { holdReply, isReplyWindowOpen } from './reply-window.ts'

/** After this many tries a retryable failure is given up and shown to the volunteer as failed. */
export const MAX_ATTEMPTS = 15

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'held' | 'paced'

type DeliveryRow = ChannelRow & {
  id: string
  conversation_id: string
  contact_id: string
  key_sealed: Buffer | null
  kind: string
  author_id: string | null
  channel_kind: string
  body_sealed: Buffer
  created_at: Date
  provider_message_id: string | null
  address_sealed: Buffer | null
  last_inbound_at: Date | null
  media_sealed: Buffer | null
  media_type: string | null
  in_reply_to: { id: string; sealed: string } | null
}

export async function deliverMessage(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<DeliveryOutcome> {
  const { keyring, publisher } = services
  const messageId = row.payload.messageId ?? ''
  const { rows } = await pool.query<DeliveryRow>(
    `select m.id, m.conversation_id, c.contact_id, k.key_sealed, m.kind, m.author_id, m.helpline_id, m.channel_id,
            ch.kind as channel_kind, ch.config as channel_config, ch.secrets as channel_secrets,
            m.body_sealed, m.created_at, m.provider_message_id, ci.address_sealed, ci.last_inbound_at,
            f.sealed as media_sealed, f.mime_type as media_type,
            (select json_build_object('id', i.id, 'sealed', encode(i.provider_id_sealed, 'base64'))
               from message i where i.conversation_id = m.conversation_id and i.direction = 'inbound'
                and i.provider_id_sealed is not null and i.seq < m.seq order by i.seq desc limit 1) as in_reply_to
       from message m
       left join media_file f on f.message_id = m.id
       join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
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
  const viewsOf = (ids: string[]) =>
    Promise.all(ids.map((id) => loadMessageView(pool, keyring, message.helpline_id, id)))

  const sealer = keyring.contact(message.helpline_id, message.contact_id, message.key_sealed)
  const finish = async (
    status: 'sent' | 'failed',
    providerId: string | null,
    errorCode: string | null,
    providerMediaId?: string,
  ) => {
    // an uploaded file's id is kept, for erasure to delete the provider's copy
    await pool.query(
      `with done as (delete from outbox where id = $1)
       update message set status = $3, provider_message_id = $4, provider_id_sealed = $7, error_code = $5,
              updated_at = now(),
              media = case when $6::text is null then media
                           else coalesce(media, '{}') || jsonb_build_object('providerMediaId', $6::text) end
        where id = $2`,
      [
        row.id,
        message.id,
        status,
        providerId && keyring.hashProviderId(message.channel_id, providerId),
        errorCode,
        providerMediaId ?? null,
        providerId && sealer.seal(providerId, providerIdContext(message.id)),
      ],
    )
    const [view] = await viewsOf([message.id])
    if (view) publisher.toConsoles(message.helpline_id, 'message.updated', view)
  }

  const adapter = adapters[message.channel_kind]
  if (!adapter || !message.address_sealed) {
    await finish('failed', null, adapter ? 'ASCOLTO_ERR_NO_ADDRESS' : 'ASCOLTO_ERR_UNKNOWN_CHANNEL')
    return 'failed'
  }
  const connection = openConnection(keyring, message)
  const template = message.kind === 'template'

  const hold = async (): Promise<DeliveryOutcome> => {
    const templateId = await withTransaction(pool, (tx) =>
      holdReply(tx, sealer, adapter, connection, {
        messageId: message.id,
        outboxId: row.id,
        conversationId: message.conversation_id,
        contactId: message.contact_id,
      }),
    )
    const [held, queued] = await viewsOf(templateId ? [message.id, templateId] : [message.id])
    if (held) publisher.toConsoles(message.helpline_id, 'message.updated', held)
    if (queued) {
      publisher.toConsoles(message.helpline_id, 'message.created', queued)
      publisher.outboxChanged()
    }
    return 'held'
  }
  if (!template && !isReplyWindowOpen(adapter, message.last_inbound_at)) return hold()

  const slot = await takeSendSlot(pool, connection.id, adapter.pace?.(connection))
  if ('laterSeconds' in slot) {
    await postpone(pool, row, slot.laterSeconds)
    return 'paced'
  }
  if (slot.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, slot.waitMs))

  try {
    const result = await adapter.send(
      connection,
      sealer.open(message.address_sealed, `address:${message.channel_id}`),
      {
        id: message.id,
        text: sealer.open(message.body_sealed, `message:${message.id}`),
        createdAt: message.created_at,
        template,
        fromLine: message.author_id !== null,
        inReplyTo:
          message.in_reply_to &&
          openProviderId(sealer, message.in_reply_to.id, Buffer.from(message.in_reply_to.sealed, 'base64')),
        media:
          message.media_sealed && message.media_type
            ? {
                bytes: sealer.openBytes(message.media_sealed, mediaContext(message.id)),
                mimeType: message.media_type,
              }
            : null,
      },
      { pushToWidget: publisher.toWidget },
    )
    await finish('sent', result.providerMessageId, null, result.providerMediaId)
    return 'sent'
  } catch (error) {
    const sendError =
      error instanceof ChannelSendError
        ? error
        : new ChannelSendError('ASCOLTO_ERR_SEND', String(error), true)
    // refused anyway (the person's clock, a window we could not see): held like any late reply
    if (sendError.outsideWindow && !template) return hold()
    if (sendError.retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, sendError.code)
      return 'retry'
    }
    await finish('failed', null, sendError.code)
    return 'failed'
  }
}
