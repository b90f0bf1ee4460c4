import type { ConversationView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { loadConversationView } from './conversation-views.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'

/**
 * A volunteer takes a waiting conversation; of two who click at once, one gets it. A volunteer
 * already at the helpline's limit of conversations at once is refused (supervisors are not).
 */
export async function takeConversation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status === 'closed')
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'The conversation is closed')
  if (record.status === 'open' && record.assignee_id !== actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_TAKEN', 'Someone else has taken this conversation')
  }
  if (record.status === 'waiting') await checkLimit(tx, actor, record.helpline_id)
  await tx.query(`update conversation set status = 'open', assignee_id = $2 where id = $1`, [
    record.id,
    actor.userId,
  ])
  const view = await loadConversationView(tx, services.keyring, [record.helpline_id], record.id)
  if (!view) throw new Error('Conversation vanished while taking it')
  afterCommit(() => services.publisher.toConsoles(record.helpline_id, 'conversation.updated', view))
  return view
}

async function checkLimit(tx: Tx, actor: Actor, helplineId: string) {
  if (isSupervising(actor, helplineId)) return
  const { desk } = await loadHelplineSettings(tx, helplineId)
  const limit = desk?.maxConcurrent
  if (!limit) return
  const { rows } = await tx.query<{ load: number }>(
    `select count(*)::int as load from conversation
      where helpline_id = $1 and assignee_id = $2 and status = 'open'`,
    [helplineId, actor.userId],
  )
  if ((rows[0]?.load ?? 0) >= limit) {
    throw new AscoltoError('ASCOLTO_ERR_LIMIT_REACHED', `At most ${limit} conversations at once`)
  }
}
