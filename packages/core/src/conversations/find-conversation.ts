import { type Actor, helplineIdsOf, type Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'

export type ConversationRecord = {
  id: string
  helpline_id: string
  channel_id: string
  contact_id: string
  status: 'waiting' | 'open' | 'closed'
  assignee_id: string | null
}

/**
 * The conversation, if it lies within the actor's helplines. Outside the wall it answers the
 * same "not found" as an id that does not exist, so ids reveal nothing.
 */
export async function findConversationForActor(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  conversationId: string,
  options: { lock?: boolean } = {},
): Promise<ConversationRecord> {
  const { rows } = await tx.query<ConversationRecord>(
    `select id, helpline_id, channel_id, contact_id, status, assignee_id from conversation
      where id = $1 and helpline_id = any($2::uuid[]) ${options.lock ? 'for update' : ''}`,
    [conversationId, helplineIdsOf(actor)],
  )
  if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found')
  return rows[0]
}

export function isSupervising(actor: Actor, helplineId: string) {
  const role = actor.roles.get(helplineId)
  return role === 'supervisor' || role === 'coordinator'
}
