import type { ChannelConnection } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import { AscoltoError } from '../errors.ts'

export type ChannelRecord = ChannelConnection & { kind: string; helplineName: string; locale: string }

/** An enabled channel of the given kind; anything else is "not found", whatever the reason. */
export async function findChannel(db: Queryable, channelId: string, kind: string): Promise<ChannelRecord> {
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    kind: string
    config: Record<string, unknown>
    helpline_name: string
    default_locale: string
  }>(
    `select ch.id, ch.helpline_id, ch.kind, ch.config, h.name as helpline_name, h.default_locale
       from channel ch join helpline h on h.id = ch.helpline_id
      where ch.id = $1 and ch.kind = $2 and ch.enabled`,
    [channelId, kind],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Channel not found')
  return {
    id: row.id,
    helplineId: row.helpline_id,
    kind: row.kind,
    config: row.config,
    helplineName: row.helpline_name,
    locale: row.default_locale,
  }
}
