// What a referral sends, as the sender's helpline knows it: a case (read by its team and
// supervisors; its person followed) or a conversation (whoever handles it, or a supervisor).
import type { CreateReferralBody } from '@ascolto/protocol'
import { findOwnConversation } from '../cases/add-case-conversation.ts'
import { findCaseForActor, subjectSealer } from '../cases/find-case.ts'
import type { Actor, Tx } from '../context.ts'
import { sealerOf } from '../conversations/find-conversation.ts'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

export type ReferralSource = {
  helplineId: string
  caseId: string | null
  conversationId: string | null
  /** The person the packet is about, and their sealer. */
  contactId: string
  sealer: Sealer
  /** The conversation whose door an address would be revealed from: none for a case without one. */
  addressConversationId: string | null
}

export async function findReferralSource(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  body: Pick<CreateReferralBody, 'caseId' | 'conversationId'>,
): Promise<ReferralSource> {
  if ((body.caseId === undefined) === (body.conversationId === undefined)) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A referral sends a case or a conversation: one of them')
  }
  if (body.conversationId) {
    const conversation = await findOwnConversation(tx, actor, body.conversationId)
    return {
      helplineId: conversation.helpline_id,
      caseId: null,
      conversationId: conversation.id,
      contactId: conversation.contact_id,
      sealer: sealerOf(keyring, conversation),
      addressConversationId: conversation.id,
    }
  }
  const caseRecord = await findCaseForActor(tx, actor, body.caseId as string, { lock: true })
  const { contactId, sealer } = await subjectSealer(tx, keyring, caseRecord)
  const { rows } = await tx.query<{ id: string }>(
    `select v.id from case_conversation cc join conversation v on v.id = cc.conversation_id
      where cc.case_id = $1 and v.contact_id = $2 order by v.last_message_at desc nulls last limit 1`,
    [caseRecord.id, contactId],
  )
  return {
    helplineId: caseRecord.helpline_id,
    caseId: caseRecord.id,
    conversationId: null,
    contactId,
    sealer,
    addressConversationId: rows[0]?.id ?? null,
  }
}
