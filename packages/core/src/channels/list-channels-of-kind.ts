// The enabled channels of one kind, with their secrets opened: what a worker that reads from a
// provider (an IMAP mailbox) connects to. Never for a response: secrets are in it.
import type { ChannelConnection } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { openChannelSecrets } from './channel-secrets.ts'

export async function listChannelsOfKind(
  db: Queryable,
  keyring: Keyring,
  kind: string,
): Promise<ChannelConnection[]> {
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    config: Record<string, unknown>
    secrets: Buffer | null
  }>('select id, helpline_id, config, secrets from channel where kind = $1 and enabled order by created_at', [
    kind,
  ])
  return rows.map((row) => {
    const connection = { id: row.id, helplineId: row.helpline_id, config: row.config }
    return { ...connection, secrets: openChannelSecrets(keyring, connection, row.secrets) }
  })
}
