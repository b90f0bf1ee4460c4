// A provider's message id carries the person (Meta's wamid is base64 around the number, a
// Telegram id holds the chat id): a message keeps its keyed hash, to be found by (a retried
// webhook, a status report, a transcription, the message a reply answers), and the id itself
// sealed under the person's key, opened only to talk to the provider about that message (reply
// to it, mark it read, delete its copy). Erasure destroys the key, and with it the id.
import type { Queryable } from '@ascolto/db'
import { KeyDestroyedError, type Keyring, PROVIDER_ID_HASH_PREFIX, type Sealer } from '../crypto/keyring.ts'

/** What a message's sealed provider id is bound to (no swapping between rows). */
export const providerIdContext = (messageId: string) => `provider-id:${messageId}`

/** The provider's own id of a message, or null when it has none (or none is kept: rows hashed after erasure). */
export function openProviderId(sealer: Sealer, messageId: string, sealed: Buffer | null) {
  return sealed ? sealer.open(sealed, providerIdContext(messageId)) : null
}

const BATCH = 500

/**
 * Run at start-up: the ids written in clear before migration 0021 become a keyed hash and a
 * sealed copy, the ids of answered messages and early status reports a hash. Idempotent (a
 * hash starts with `h:`, no provider's id does), and safe from several instances at once.
 */
export async function hashEarlierProviderIds(db: Queryable, keyring: Keyring): Promise<number> {
  const notHashed = `not like '${PROVIDER_ID_HASH_PREFIX}%'`
  let converted = 0
  for (;;) {
    const { rows } = await db.query<{
      id: string
      channel_id: string
      helpline_id: string
      contact_id: string
      key_sealed: Buffer | null
      provider_message_id: string | null
      reply_to_provider_id: string | null
    }>(
      `select m.id, m.channel_id, m.helpline_id, c.contact_id, k.key_sealed, m.provider_message_id,
              m.reply_to_provider_id
         from message m join conversation c on c.id = m.conversation_id
         left join keystore.contact_key k on k.contact_id = c.contact_id
        where m.provider_message_id ${notHashed} or m.reply_to_provider_id ${notHashed}
        limit ${BATCH}`,
    )
    if (rows.length === 0) break
    for (const row of rows) {
      const hashed = (id: string | null) =>
        id && !id.startsWith(PROVIDER_ID_HASH_PREFIX) ? keyring.hashProviderId(row.channel_id, id) : id
      const raw = row.provider_message_id?.startsWith(PROVIDER_ID_HASH_PREFIX)
        ? null
        : row.provider_message_id
      await db.query(
        `update message set provider_message_id = $2, reply_to_provider_id = $3,
                provider_id_sealed = coalesce($4, provider_id_sealed)
          where id = $1`,
        [
          row.id,
          hashed(row.provider_message_id),
          hashed(row.reply_to_provider_id),
          raw && sealOrNothing(keyring.contact(row.helpline_id, row.contact_id, row.key_sealed), row.id, raw),
        ],
      )
    }
    converted += rows.length
  }
  const early = await db.query<{ channel_id: string; provider_message_id: string; status: string }>(
    `select channel_id, provider_message_id, status from delivery_status_early where provider_message_id ${notHashed}`,
  )
  for (const row of early.rows) {
    await db.query(
      `update delivery_status_early set provider_message_id = $4
        where channel_id = $1 and provider_message_id = $2 and status = $3`,
      [
        row.channel_id,
        row.provider_message_id,
        row.status,
        keyring.hashProviderId(row.channel_id, row.provider_message_id),
      ],
    )
  }
  return converted + early.rows.length
}

/** A person whose key is gone keeps no id: only its hash. */
function sealOrNothing(sealer: Sealer, messageId: string, id: string) {
  try {
    return sealer.seal(id, providerIdContext(messageId))
  } catch (error) {
    if (error instanceof KeyDestroyedError) return null
    throw error
  }
}
