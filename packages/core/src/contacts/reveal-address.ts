// Revealing a person's address (phone number, chat id, e-mail) to staff: for imminent risk or a
// call-back. A separate permission, always with a reason, audited with the reason but never with
// the address: supervisors and coordinators reveal, or, where the helpline asks for two people
// (reveal-requests.ts), whoever holds an approved request of their own. The helpline's
// data-protection contact, where it names one, is told of each (privacy-notice.ts).
import { channelAdapters } from '@ascolto/channels'
import type { RevealedAddress, RevealRequestChange } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import {
  type ConversationRecord,
  findConversationForActor,
  sealerOf,
} from '../conversations/find-conversation.ts'
import type { Sealer } from '../crypto/keyring.ts'
import { requireRole } from '../operators/require-role.ts'
import { queuePrivacyNotice } from './privacy-notice.ts'
import { revealNeedsApproval, spendApprovedReveal } from './reveal-requests.ts'

export async function revealAddress(
  {
    tx,
    afterCommit,
    services,
  }: { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'keyring' | 'publisher'> },
  actor: Actor,
  input: { conversationId: string; reason: string },
): Promise<RevealedAddress> {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  const { reason, ...details } = await authoriseReveal(
    { tx, afterCommit, services },
    actor,
    record,
    input.reason,
  )
  const addresses = await openContactAddresses(tx, sealerOf(services.keyring, record), record.contact_id)
  const auditId = await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.address_revealed',
    subjectType: 'contact',
    subjectId: record.contact_id,
    details: { conversationId: record.id, ...details },
    reason: { text: reason, keyring: services.keyring },
  })
  await queuePrivacyNotice({ tx, afterCommit, services }, record.helpline_id, auditId)
  return { addresses: addresses.map(({ channelKind, address }) => ({ channelKind, address })) }
}

/**
 * The rules of seeing an address, whatever shows it (a reveal, an export): always a reason;
 * where the helpline asks for two people, an approved request of the actor's own, spent here;
 * otherwise a supervisor or coordinator. Answers what the audit row says of it.
 */
export async function authoriseReveal(
  {
    tx,
    afterCommit,
    services,
  }: { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'publisher' | 'keyring'> },
  actor: Actor,
  record: ConversationRecord,
  reason: string,
): Promise<{ reason: string; requestId?: string; approvedBy?: string | null }> {
  if (!(await revealNeedsApproval(tx, record.helpline_id))) {
    requireRole(actor, record.helpline_id, 'supervisor')
    return { reason: reason.trim() }
  }
  const spent = await spendApprovedReveal(tx, services.keyring, actor, record)
  // spent: the asker's other consoles no longer offer it
  const change: RevealRequestChange = {
    id: spent.id,
    conversationId: record.id,
    helplineId: record.helpline_id,
    requestedBy: actor.userId,
    state: 'used',
  }
  afterCommit(() => services.publisher.toOperator(actor.userId, 'reveal-request.updated', change))
  return { reason: spent.reason, requestId: spent.id, approvedBy: spent.decided_by }
}

/**
 * Every address of a contact that reaches them, opened: for a reveal, or the person's own export.
 * A web chat's visitor token is no address but the key to their chat: never opened for staff.
 */
export async function openContactAddresses(tx: Pick<Tx, 'query'>, sealer: Sealer, contactId: string) {
  const { rows } = await tx.query<{
    address_sealed: Buffer
    channel_id: string
    kind: string
    created_at: Date
  }>(
    `select ci.address_sealed, ci.channel_id, ch.kind, ci.created_at from contact_identity ci
       join channel ch on ch.id = ci.channel_id where ci.contact_id = $1 order by ci.created_at`,
    [contactId],
  )
  return rows
    .filter((row) => !channelAdapters[row.kind]?.capabilities.addressIsCredential)
    .map((row) => ({
      channelKind: row.kind,
      address: sealer.open(row.address_sealed, `address:${row.channel_id}`),
      since: row.created_at.toISOString(),
    }))
}
