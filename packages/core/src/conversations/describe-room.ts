// The supervisor's live room: every conversation of the helpline not closed (waiting, open), and
// the volunteers and supervisors with their availability, whether they are signed in, and their load.
import type { RoomView } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { listColleagues } from '../operators/list-colleagues.ts'
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
  return {
    helplineId,
    conversations: [...waiting, ...open],
    operators: await listColleagues(tx, helplineId),
  }
}
