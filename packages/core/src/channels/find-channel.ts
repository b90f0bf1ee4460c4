import type { ChannelConnection, ChannelSecrets } from '@ascolto/channels'
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { openChannelSecrets } from './channel-secrets.ts'

export type ChannelRecord = ChannelConnection & { kind: string; helplineName: string; locale: string }

/** An enabled channel of the given kind; anything else is "not found", whatever the reason. */
export async function findChannel(db: Queryable, channelId: string, kind: string): Promise<ChannelRecord> {
  return recordOf(await channelRow(db, channelId, kind, ''))
}

/**
 * The same channel with its secrets opened, in one round trip: a webhook's door. Its version (the
 * channel's and its helpline's row versions, new at every update of either) is what the inbound
 * arrival statement compares with the saved one (channels/kept-channels.ts).
 */
export async function findChannelWithSecrets(
  db: Queryable,
  keyring: Keyring,
  channelId: string,
  kind: string,
): Promise<ChannelWithSecrets> {
  const row = await channelRow(
    db,
    channelId,
    kind,
    `, ch.secrets, ch.xmin::text || '/' || h.xmin::text as version`,
  )
  const record = recordOf(row)
  return {
    ...record,
    secrets: openChannelSecrets(keyring, record, row.secrets ?? null),
    version: row.version ?? '',
  }
}

export type ChannelWithSecrets = ChannelRecord & { secrets: ChannelSecrets | null; version: string }

type ChannelRow = {
  id: string
  helpline_id: string
  kind: string
  config: Record<string, unknown>
  helpline_name: string
  default_locale: string
  secrets?: Buffer | null
  version?: string
}

async function channelRow(db: Queryable, channelId: string, kind: string, extra: string) {
  const { rows } = await db.query<ChannelRow>(
    `select ch.id, ch.helpline_id, ch.kind, ch.config, h.name as helpline_name, h.default_locale${extra}
       from channel ch join helpline h on h.id = ch.helpline_id
      where ch.id = $1 and ch.kind = $2 and ch.enabled`,
    [channelId, kind],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Channel not found')
  return row
}

function recordOf(row: ChannelRow): ChannelRecord {
  return {
    id: row.id,
    helplineId: row.helpline_id,
    kind: row.kind,
    config: row.config,
    helplineName: row.helpline_name,
    locale: row.default_locale,
  }
}
