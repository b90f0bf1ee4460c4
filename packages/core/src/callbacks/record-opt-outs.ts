// A person's STOP (or START) on an SMS door, recorded on their address on that door: replies to
// an opted-out person are refused before they reach the outbox, with a code the console shows.
import type { ChannelConnection, InboundMessage } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Services } from '../context.ts'

export async function recordOptOuts(
  db: Queryable,
  services: Pick<Services, 'keyring'>,
  connection: ChannelConnection,
  messages: readonly InboundMessage[],
): Promise<number> {
  let changed = 0
  // in order: a STOP then a START in one batch leaves the person opted in
  for (const message of messages) {
    if (!message.optOut) continue
    const result = await db.query(
      `update contact_identity set opted_out_at = case when $3 then coalesce(opted_out_at, now()) end
        where channel_id = $1 and address_hash = $2`,
      [
        connection.id,
        services.keyring.hashAddress(connection.helplineId, message.from),
        message.optOut === 'stop',
      ],
    )
    changed += result.rowCount ?? 0
  }
  return changed
}

/** Whether a conversation's person opted out on its door. */
export async function isOptedOut(db: Queryable, conversationId: string): Promise<boolean> {
  const { rows } = await db.query<{ opted_out: boolean }>(
    `select ci.opted_out_at is not null as opted_out
       from conversation c join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
      where c.id = $1`,
    [conversationId],
  )
  return rows[0]?.opted_out ?? false
}
