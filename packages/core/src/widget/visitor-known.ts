import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'

/** Whether this token has written on this channel before: a new chat, or a person going on with theirs. */
export async function visitorKnown(
  db: Queryable,
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  token: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'select 1 from contact_identity where channel_id = $1 and address_hash = $2',
    [channel.id, keyring.hashAddress(channel.helplineId, token)],
  )
  return (rowCount ?? 0) > 0
}
