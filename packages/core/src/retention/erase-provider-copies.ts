// Every copy counts: where a provider keeps its own copy of what a person wrote or was sent
// (Twilio's message logs and recordings, the files on Meta's servers), erasure and retention
// delete it there too. The provider's ids are queued in the outbox in the transaction that deletes
// Ascolto's rows (ids only, never text), and the worker calls the provider, again later when it
// cannot be reached. An id carries the person (provider-ids.ts): it is opened with their key
// before that key is destroyed, and waits in the outbox sealed under the helpline's key.
import { type ChannelAdapter, ChannelSendError, channelAdapters } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services, Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { openProviderId } from '../messages/provider-ids.ts'
import { complete, enqueue, type OutboxRow, retryLater } from '../outbox/outbox.ts'

/** Ids per outbox row: one provider call each, well within a lease. */
const IDS_PER_ROW = 50
/** A provider down for days still gets the deletions when it is back; after that they are given up. */
const MAX_ATTEMPTS = 30

const sealedIdsContext = (channelId: string) => `erase-copies:${channelId}`

/**
 * In the caller's transaction, before the messages of these conversations are deleted and
 * before their people's keys are destroyed.
 */
export async function queueProviderErasure(tx: Tx, keyring: Keyring, conversationIds: readonly string[]) {
  const { rows } = await tx.query<{
    message_id: string
    helpline_id: string
    channel_id: string
    contact_id: string
    key_sealed: Buffer | null
    kind: string
    sealed: Buffer
    media_id: string | null
  }>(
    `select m.id as message_id, m.helpline_id, m.channel_id, c.contact_id, k.key_sealed, ch.kind,
            m.provider_id_sealed as sealed, m.media->>'providerMediaId' as media_id
       from message m join channel ch on ch.id = m.channel_id
       join conversation c on c.id = m.conversation_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where m.conversation_id = any($1::uuid[]) and m.provider_id_sealed is not null
      order by m.channel_id, m.seq`,
    [conversationIds],
  )
  const erasable = rows
    .filter((row) => channelAdapters[row.kind]?.eraseCopies)
    .map((row) => ({
      ...row,
      id: openProviderId(
        keyring.contact(row.helpline_id, row.contact_id, row.key_sealed),
        row.message_id,
        row.sealed,
      ),
    }))
  for (let i = 0; i < erasable.length; i += IDS_PER_ROW) {
    // one row per channel and batch
    const batch = erasable.slice(i, i + IDS_PER_ROW)
    for (const channelId of new Set(batch.map((row) => row.channel_id))) {
      const ofChannel = batch.filter((row) => row.channel_id === channelId)
      const scope = keyring.scope(ofChannel[0]?.helpline_id ?? '')
      await enqueue(tx, 'erase_provider_copies', `erase:${channelId}`, {
        channelId,
        messageIdsSealed: scope
          .seal(ofChannel.map((row) => row.id).join(' '), sealedIdsContext(channelId))
          .toString('base64'),
        mediaIds: ofChannel.flatMap((row) => (row.media_id ? [row.media_id] : [])).join(' '),
      })
    }
  }
}

export async function eraseProviderCopies(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'erased' | 'retry' | 'failed'> {
  const { rows } = await pool.query<ChannelRow & { kind: string }>(
    `select id as channel_id, helpline_id, kind, config as channel_config, secrets as channel_secrets
       from channel where id = $1`,
    [row.payload.channelId],
  )
  const channel = rows[0]
  const erase = channel && adapters[channel.kind]?.eraseCopies
  // the channel itself is gone: so is the account Ascolto could have asked
  if (!channel || !erase) {
    await complete(pool, row.id)
    return 'failed'
  }
  try {
    const ids = (list: string | undefined) => (list ? list.split(' ') : [])
    const sealed = row.payload.messageIdsSealed
    const messageIds = sealed
      ? services.keyring
          .scope(channel.helpline_id)
          .open(Buffer.from(sealed, 'base64'), sealedIdsContext(channel.channel_id))
      : row.payload.messageIds // queued in clear by a version before migration 0021
    await erase(openConnection(services.keyring, channel), {
      messageIds: ids(messageIds),
      mediaIds: ids(row.payload.mediaIds),
    })
    await complete(pool, row.id)
    return 'erased'
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_ERASE')
      return 'retry'
    }
    await complete(pool, row.id)
    return 'failed'
  }
}
