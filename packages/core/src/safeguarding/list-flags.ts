import type { FlagAlert, FlagView } from '@ascolto/protocol'
import { type Actor, helplineIdsOf, type Services, type Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { loadFlagAlerts, loadFlagViews } from './flag-views.ts'

/** A conversation's flags, whole: for anyone who may read the conversation. */
export async function listConversationFlags(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<FlagView[]> {
  const record = await findConversationForActor(tx, actor, conversationId)
  return loadFlagViews(tx, services.keyring, { helplineIds: [record.helpline_id], conversationId: record.id })
}

/** The flags no supervisor has acknowledged yet, in the helplines the actor supervises. */
export async function listOpenFlagAlerts(tx: Pick<Tx, 'query'>, actor: Actor): Promise<FlagAlert[]> {
  const supervised = helplineIdsOf(actor).filter((id) => actor.roles.get(id) !== 'volunteer')
  if (supervised.length === 0) return []
  return loadFlagAlerts(tx, { helplineIds: supervised, open: true })
}
