// A legal hold from the console: on the person of a conversation, by a supervisor, audited.
import type { Actor, Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { setLegalHold } from '../retention/legal-hold.ts'

export async function holdConversationContact(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  input: { conversationId: string; on: boolean; reason: string; until?: string },
) {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  const result = await setLegalHold(tx, {
    actorId: actor.userId,
    helplineId: record.helpline_id,
    contactId: record.contact_id,
    on: input.on,
    reason: input.reason,
    keyring,
    ...(input.until ? { until: new Date(input.until) } : {}),
  })
  return {
    legalHoldAt: result.legalHoldAt?.toISOString() ?? null,
    legalHoldUntil: result.legalHoldUntil?.toISOString() ?? null,
  }
}
