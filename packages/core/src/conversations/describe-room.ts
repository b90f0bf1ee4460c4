// The supervisor's live room: every conversation of the helpline not closed (waiting, open), and
// the volunteers and supervisors with their availability, whether they are signed in, and their load.
import type { RoomView } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadConversationViews } from './conversation-views.ts'

export async function describeRoom(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  helplineId: string,
): Promise<RoomView> {
  requireRole(actor, helplineId, 'supervisor')
  const waiting = await loadConversationViews(tx, services.keyring, {
    helplineIds: [helplineId],
    status: 'waiting',
  })
  const open = await loadConversationViews(tx, services.keyring, {
    helplineIds: [helplineId],
    status: 'open',
  })
  const { rows } = await tx.query<{
    id: string
    display_name: string
    role: RoomView['operators'][number]['role']
    availability: RoomView['operators'][number]['availability']
    signed_in: boolean
    load: number
  }>(
    `select u.id, u.display_name, m.role, u.availability,
            exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > now()) as signed_in,
            (select count(*)::int from conversation c
              where c.assignee_id = u.id and c.helpline_id = m.helpline_id and c.status = 'open') as load
       from membership m join app_user u on u.id = m.user_id
      where m.helpline_id = $1 and u.deactivated_at is null
      order by signed_in desc, u.display_name, u.id`,
    [helplineId],
  )
  return {
    helplineId,
    conversations: [...waiting, ...open],
    operators: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      role: row.role,
      availability: row.availability,
      signedIn: row.signed_in,
      load: row.load,
    })),
  }
}
