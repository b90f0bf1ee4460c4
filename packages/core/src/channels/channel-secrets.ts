// A channel's secrets (access tokens, app secrets, verify tokens) live in channel.secrets as one
// JSON object sealed with the helpline's key and bound to the channel's id: a database dump
// alone opens none of them, and no query that feeds a response ever selects the column.
import type { ChannelConnection, ChannelSecrets } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'

const context = (channelId: string) => `channel-secrets:${channelId}`

export function sealChannelSecrets(
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  secrets: ChannelSecrets,
): Buffer {
  return keyring.scope(channel.helplineId).seal(JSON.stringify(secrets), context(channel.id))
}

export function openChannelSecrets(
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  sealed: Buffer | null,
): ChannelSecrets | null {
  if (!sealed) return null
  const secrets: unknown = JSON.parse(keyring.scope(channel.helplineId).open(sealed, context(channel.id)))
  if (typeof secrets !== 'object' || secrets === null) return null
  return Object.fromEntries(
    Object.entries(secrets).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** The connection with its secrets opened, for the moment they are needed (a webhook, a send). */
export async function withChannelSecrets<C extends ChannelConnection>(
  db: Queryable,
  keyring: Keyring,
  connection: C,
): Promise<C & { secrets: ChannelSecrets | null }> {
  const { rows } = await db.query<{ secrets: Buffer | null }>('select secrets from channel where id = $1', [
    connection.id,
  ])
  return { ...connection, secrets: openChannelSecrets(keyring, connection, rows[0]?.secrets ?? null) }
}
