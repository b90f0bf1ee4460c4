// A new door for a helpline with its settings and sealed secrets, written in one statement: a
// channel never exists half-configured.
import { randomUUID } from 'node:crypto'
import type { ChannelSecrets } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { sealChannelSecrets } from './channel-secrets.ts'

export async function connectChannel(
  db: Queryable,
  keyring: Keyring,
  input: {
    helplineId: string
    kind: string
    name: string
    config: Record<string, unknown>
    secrets: ChannelSecrets
  },
): Promise<{ id: string }> {
  const id = randomUUID()
  const sealed = sealChannelSecrets(keyring, { id, helplineId: input.helplineId }, input.secrets)
  await db.query(
    `insert into channel (id, helpline_id, kind, name, config, secrets) values ($1, $2, $3, $4, $5, $6)`,
    [id, input.helplineId, input.kind, input.name, input.config, sealed],
  )
  return { id }
}
