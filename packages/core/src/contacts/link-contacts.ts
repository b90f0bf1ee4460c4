// A supervisor says two contacts are one person (the same voice on the phone and on Telegram, say):
// the link is made from a conversation of each, within one helpline, with a reason, audited, and
// undone the same way. Nothing is merged: each door keeps its own contact, conversations and
// address; the console shows the other doors' conversations beside each other.
import { randomUUID } from 'node:crypto'
import type { ContactLinkList, ContactLinkView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { findConversationForActor, sealerOf } from '../conversations/find-conversation.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'

/** What a link's reason is sealed to, under the key of the link's first person (`contact_a`): the link. */
export const linkReasonContext = (linkId: string) => `contact-link-reason:${linkId}`

type LinkRow = {
  id: string
  pseudonym: number
  channel_kind: string
  conversation_id: string | null
  linked_at: Date
  linked_by: string | null
}

/** The live links of a conversation's contact, each as the other contact's latest conversation. */
async function linksOf(
  tx: Pick<Tx, 'query'>,
  helplineId: string,
  contactId: string,
): Promise<ContactLinkView[]> {
  const { rows } = await tx.query<LinkRow>(
    `select l.id, other.pseudonym, l.linked_at, u.display_name as linked_by,
            latest.id as conversation_id, coalesce(ch.kind, '') as channel_kind
       from contact_link l
       join contact other on other.id = case when l.contact_a = $2 then l.contact_b else l.contact_a end
       left join app_user u on u.id = l.linked_by
       left join lateral (
         select c.id, c.channel_id from conversation c where c.contact_id = other.id
          order by c.last_message_at desc limit 1) latest on true
       left join channel ch on ch.id = latest.channel_id
      where l.helpline_id = $1 and (l.contact_a = $2 or l.contact_b = $2) and l.unlinked_at is null
      order by l.linked_at`,
    [helplineId, contactId],
  )
  return rows.map((row) => ({
    id: row.id,
    pseudonym: row.pseudonym,
    channelKind: row.channel_kind,
    conversationId: row.conversation_id,
    linkedAt: row.linked_at.toISOString(),
    linkedBy: row.linked_by,
  }))
}

export async function listContactLinks(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  conversationId: string,
): Promise<ContactLinkList> {
  const record = await findConversationForActor(tx, actor, conversationId)
  return { links: await linksOf(tx, record.helpline_id, record.contact_id) }
}

export async function linkContacts(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  input: { conversationId: string; otherConversationId: string; reason: string },
): Promise<ContactLinkList> {
  const one = await findConversationForActor(tx, actor, input.conversationId)
  const other = await findConversationForActor(tx, actor, input.otherConversationId)
  requireRole(actor, one.helpline_id, 'supervisor')
  // each helpline is a wall: people are linked only within one
  if (other.helpline_id !== one.helpline_id)
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found')
  if (other.contact_id === one.contact_id) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Both conversations are already the same person')
  }
  const [first, second] = [one, other].sort((x, y) => (x.contact_id < y.contact_id ? -1 : 1))
  if (!first || !second) throw new Error('Two conversations sorted into fewer')
  const [a, b] = [first.contact_id, second.contact_id]
  const linkId = randomUUID()
  const inserted = await tx.query<{ id: string }>(
    `insert into contact_link (id, helpline_id, contact_a, contact_b, reason_sealed, linked_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (contact_a, contact_b) where unlinked_at is null do nothing returning id`,
    [
      linkId,
      one.helpline_id,
      a,
      b,
      sealerOf(keyring, first).seal(input.reason.trim(), linkReasonContext(linkId)),
      actor.userId,
    ],
  )
  const id = inserted.rows[0]?.id
  if (!id) throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'These two are linked already')
  await recordAuditEvent(tx, {
    helplineId: one.helpline_id,
    actorId: actor.userId,
    action: 'contact.linked',
    subjectType: 'contact_link',
    subjectId: id,
    details: { contacts: [a, b] },
    reason: { text: input.reason.trim(), keyring },
  })
  return { links: await linksOf(tx, one.helpline_id, one.contact_id) }
}

export async function unlinkContacts(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  input: { linkId: string; reason: string },
) {
  const { rows } = await tx.query<{ id: string; helpline_id: string; contact_a: string; contact_b: string }>(
    `select id, helpline_id, contact_a, contact_b from contact_link
      where id = $1 and helpline_id = any($2::uuid[]) and unlinked_at is null for update`,
    [input.linkId, [...actor.roles.keys()]],
  )
  const link = rows[0]
  if (!link) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Link not found')
  requireRole(actor, link.helpline_id, 'supervisor')
  await tx.query('update contact_link set unlinked_at = now(), unlinked_by = $2 where id = $1', [
    link.id,
    actor.userId,
  ])
  await recordAuditEvent(tx, {
    helplineId: link.helpline_id,
    actorId: actor.userId,
    action: 'contact.unlinked',
    subjectType: 'contact_link',
    subjectId: link.id,
    details: { contacts: [link.contact_a, link.contact_b] },
    reason: { text: input.reason.trim(), keyring },
  })
}
