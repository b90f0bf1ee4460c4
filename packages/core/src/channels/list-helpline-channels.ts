// The channels a coordinator can send the on-call alert through: the helpline's enabled ones that
// write to a number or an address (the web chat writes only to its own visitors). No config, no secrets.
import type { Queryable } from '@ascolto/db'
import type { HelplineChannelList } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'

export async function listHelplineChannels(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<HelplineChannelList> {
  requireRole(actor, helplineId, 'coordinator')
  const { rows } = await db.query<{ id: string; kind: string; name: string }>(
    `select id, kind, name from channel
      where helpline_id = $1 and enabled and kind <> 'webchat'
      order by created_at, id`,
    [helplineId],
  )
  return { channels: rows }
}
