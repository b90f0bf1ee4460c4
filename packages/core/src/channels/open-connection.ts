import type { ChannelConnection } from '@ascolto/channels'
import type { Keyring } from '../crypto/keyring.ts'
import { openChannelSecrets } from './channel-secrets.ts'

/** A channel row as the worker loads it, with its secrets opened for one call to the provider. */
export type ChannelRow = {
  channel_id: string
  helpline_id: string
  channel_config: Record<string, unknown>
  channel_secrets: Buffer | null
}

export function openConnection(keyring: Keyring, row: ChannelRow): ChannelConnection {
  return {
    id: row.channel_id,
    helplineId: row.helpline_id,
    config: row.channel_config,
    secrets: openChannelSecrets(
      keyring,
      { id: row.channel_id, helplineId: row.helpline_id },
      row.channel_secrets,
    ),
  }
}
