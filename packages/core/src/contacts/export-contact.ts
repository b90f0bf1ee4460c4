// A person's right of access: everything Ascolto holds about one contact, as JSON, for a
// coordinator to hand over. Audited (without the content), and told to the helpline's
// data-protection contact. Its addresses only under the rules of a reveal (a reason, the
// two-person approval where the helpline asks for it): without a reason they are left out.
import type { ContactExport } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findConversationForActor, sealerOf } from '../conversations/find-conversation.ts'
import { requireRole } from '../operators/require-role.ts'
import { queuePrivacyNotice } from './privacy-notice.ts'
import { authoriseReveal, openContactAddresses } from './reveal-address.ts'

export async function exportContact(
  {
    tx,
    afterCommit,
    services,
  }: { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'keyring' | 'publisher'> },
  actor: Actor,
  input: { conversationId: string; addressesBecause?: string },
): Promise<ContactExport> {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  requireRole(actor, record.helpline_id, 'coordinator')
  const reveal =
    input.addressesBecause === undefined
      ? undefined
      : await authoriseReveal({ tx, afterCommit, services }, actor, record, input.addressesBecause)
  const sealer = sealerOf(services.keyring, record)
  const contact = (
    await tx.query<{
      pseudonym: number
      created_at: Date
      last_inbound_at: Date | null
      policy_version: string | null
      policy_sent_at: Date | null
      blocked_at: Date | null
      blocked_until: Date | null
      legal_hold_at: Date | null
    }>(
      `select pseudonym, created_at, last_inbound_at, policy_version, policy_sent_at, blocked_at, blocked_until,
              legal_hold_at from contact where id = $1`,
      [record.contact_id],
    )
  ).rows[0]
  if (!contact) throw new Error('Contact vanished while exporting it')
  const addresses = reveal ? await openContactAddresses(tx, sealer, record.contact_id) : []
  const conversations = await tx.query<{
    id: string
    status: string
    opened_at: Date
    closed_at: Date | null
    kind: string
  }>(
    `select c.id, c.status, c.opened_at, c.closed_at, ch.kind from conversation c join channel ch on ch.id = c.channel_id
      where c.contact_id = $1 order by c.opened_at`,
    [record.contact_id],
  )
  const messages = await tx.query<{
    id: string
    conversation_id: string
    direction: string
    kind: string
    body_sealed: Buffer | null
    status: string
    created_at: Date
    hidden_reason: string | null
  }>(
    `select m.id, m.conversation_id, m.direction, m.kind, m.body_sealed, m.status, m.created_at, m.hidden_reason
       from message m join conversation c on c.id = m.conversation_id
      where c.contact_id = $1 order by m.seq`,
    [record.contact_id],
  )
  const auditId = await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.exported',
    subjectType: 'contact',
    subjectId: record.contact_id,
    details: {
      conversations: conversations.rowCount,
      messages: messages.rowCount,
      addresses: reveal !== undefined,
      ...(reveal && { requestId: reveal.requestId, approvedBy: reveal.approvedBy }),
    },
    ...(reveal && { reason: { text: reveal.reason, keyring: services.keyring } }),
  })
  await queuePrivacyNotice({ tx, afterCommit, services }, record.helpline_id, auditId)
  const iso = (date: Date | null) => date?.toISOString() ?? null
  return {
    exportedAt: new Date().toISOString(),
    contact: {
      pseudonym: contact.pseudonym,
      createdAt: contact.created_at.toISOString(),
      lastMessageAt: iso(contact.last_inbound_at),
      policyVersion: contact.policy_version,
      policySentAt: iso(contact.policy_sent_at),
      blockedAt: iso(contact.blocked_at),
      blockedUntil: iso(contact.blocked_until),
      legalHoldAt: iso(contact.legal_hold_at),
    },
    addresses,
    addressesIncluded: reveal !== undefined,
    conversations: conversations.rows.map((c) => ({
      id: c.id,
      channelKind: c.kind,
      status: c.status,
      openedAt: c.opened_at.toISOString(),
      closedAt: iso(c.closed_at),
      messages: messages.rows
        .filter((m) => m.conversation_id === c.id)
        .map((m) => ({
          direction: m.direction,
          kind: m.kind,
          text: m.body_sealed ? sealer.open(m.body_sealed, `message:${m.id}`) : '',
          status: m.status,
          createdAt: m.created_at.toISOString(),
          hidden: m.hidden_reason !== null,
        })),
    })),
  }
}
