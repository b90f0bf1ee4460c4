// A person's right to erasure: a coordinator destroys the person's key first (every copy of their
// ciphertext left anywhere, such as a database backup, can no longer be opened), then deletes for
// real everything about them (the address and its keyed hash, every conversation, message, note
// and file, the outbox rows that point at them) except a running block, kept as the keyed hash of
// the address and its end (erased-blocks.ts); the anonymous facts statistics need are kept, as retention keeps them. A legal
// hold stops it. Audited with counts only; the audit trail keeps the contact's id, which after
// this points at nothing.
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { dropEmptyCases, recordCaseFacts } from '../cases/record-case-facts.ts'
import type { Actor, Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { recordConversationFacts } from '../conversations/record-conversation-facts.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { rememberErasedProviderIds } from '../messages/erased-provider-ids.ts'
import { requireRole } from '../operators/require-role.ts'
import { forgetReferredPerson } from '../referrals/referral-packet.ts'
import { queueProviderErasure } from '../retention/erase-provider-copies.ts'
import { HOLD_IN_FORCE } from '../retention/legal-hold.ts'
import { destroyContactKeys } from './contact-keys.ts'
import { keepBlocksOfErased } from './erased-blocks.ts'

export async function eraseContact(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  input: { conversationId: string; reason: string },
) {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  requireRole(actor, record.helpline_id, 'coordinator')
  const { rows } = await tx.query<{ held: boolean }>(
    `select ${HOLD_IN_FORCE('legal_hold_at', 'legal_hold_until')} as held from contact where id = $1 for update`,
    [record.contact_id],
  )
  if (rows[0]?.held) {
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'This person is under legal hold: lift it first')
  }
  const conversationIds = (
    await tx.query<{ id: string }>('select id from conversation where contact_id = $1 for update', [
      record.contact_id,
    ])
  ).rows.map((r) => r.id)
  // what statistics need survives, as retention leaves it: anonymous facts, no contact in them
  await recordConversationFacts(tx, conversationIds)
  // the provider's ids open with the person's key: taken before it is destroyed
  await queueProviderErasure(tx, keyring, conversationIds)
  await rememberErasedProviderIds(tx, conversationIds)
  await keepBlocksOfErased(tx, [record.contact_id])
  const caseIds = (
    await tx.query<{ case_id: string }>('select case_id from case_member where contact_id = $1', [
      record.contact_id,
    ])
  ).rows.map((r) => r.case_id)
  await recordCaseFacts(tx, caseIds)
  await forgetReferredPerson(tx, record.contact_id)
  await destroyContactKeys(tx, [record.contact_id])
  await tx.query(
    `delete from outbox
      where payload->>'messageId' in (select id::text from message where conversation_id = any($1::uuid[]))
         or payload->>'conversationId' = any($1::text[])
         or payload->>'contactId' = $2`,
    [conversationIds, record.contact_id],
  )
  const messages = await tx.query('delete from message where conversation_id = any($1::uuid[])', [
    conversationIds,
  ])
  await tx.query('delete from conversation where id = any($1::uuid[])', [conversationIds])
  // their place in cases and what was written about them there go with them (cascade); a case
  // left with nobody goes too
  await tx.query('delete from contact where id = $1', [record.contact_id])
  const casesDeleted = (await dropEmptyCases(tx, caseIds)).length
  const counts = { conversations: conversationIds.length, messages: messages.rowCount ?? 0 }
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.erased',
    subjectType: 'contact',
    subjectId: record.contact_id,
    details: { ...counts, ...(casesDeleted > 0 && { casesDeleted }) },
    reason: { text: input.reason.trim(), keyring },
  })
  // where the conversations were, for the consoles to drop them (not part of the answer)
  return { ...counts, helplineId: record.helpline_id, conversationIds }
}
