// A legal hold from the console: on the person of a conversation, by a supervisor, audited.
import type { Actor, Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { setLegalHold } from '../retention/legal-hold.ts'

export async function holdConversationContact(
  tx: Tx,
  actor: Actor,
  input: { conversationId: string; on: boolean; reason: string },
) {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  const result = await setLegalHold(tx, {
    actorId: actor.userId,
    helplineId: record.helpline_id,
    contactId: record.contact_id,
    on: input.on,
    reason: input.reason,
  })
  return { legalHoldAt: result.legalHoldAt?.toISOString() ?? null }
}
