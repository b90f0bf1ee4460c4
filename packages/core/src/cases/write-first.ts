// The line writes first: only where the person agreed, in this case, to be contacted on that door
// (consent recorded with when and which door); the server refuses it otherwise, whatever the
// console shows. On WhatsApp, past the reply window, the approved template goes (the same
// machinery that re-opens a conversation); elsewhere the operator's words. Both audited.

import { channelAdapters } from '@ascolto/channels'
import type { CaseConsentBody, FirstContactView, WriteFirstBody } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { findChannel } from '../channels/find-channel.ts'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'
import { isReplyWindowOpen } from '../messages/reply-window.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { findCaseForActor } from './find-case.ts'

/** The member's address on that door, within the case's helpline: what consent is about. */
async function memberDoor(tx: Tx, caseId: string, input: CaseConsentBody) {
  const { rows } = await tx.query<{ kind: string; last_inbound_at: Date | null }>(
    `select ch.kind, ci.last_inbound_at
       from case_member m
       join contact_identity ci on ci.contact_id = m.contact_id and ci.channel_id = $3
       join channel ch on ch.id = ci.channel_id
      where m.case_id = $1 and m.contact_id = $2`,
    [caseId, input.contactId, input.channelId],
  )
  if (!rows[0])
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'This person has no address on that door in this case')
  return rows[0]
}

export async function recordCaseConsent(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  input: CaseConsentBody,
) {
  const { tx } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  await memberDoor(tx, caseId, input)
  await tx.query(
    `insert into case_consent (case_id, contact_id, channel_id, recorded_by) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [caseId, input.contactId, input.channelId, actor.userId],
  )
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.consent_recorded',
    subjectType: 'case',
    subjectId: caseId,
    details: { contactId: input.contactId, channelId: input.channelId },
  })
  await announceCaseChange(context, caseId)
}

export async function writeFirst(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  input: WriteFirstBody,
): Promise<FirstContactView> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId, { lock: true })
  const consent = await tx.query(
    'select 1 from case_consent where case_id = $1 and contact_id = $2 and channel_id = $3',
    [caseId, input.contactId, input.channelId],
  )
  if (!consent.rowCount) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'The person did not agree to be contacted on this door')
  }
  const door = await memberDoor(tx, caseId, input)
  const connection = await findChannel(tx, input.channelId, door.kind)
  const adapter = channelAdapters[door.kind]
  if (!adapter) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'This door cannot send')
  const template = isReplyWindowOpen(adapter, door.last_inbound_at)
    ? null
    : adapter.reopeningTemplate?.(connection)
  if (!isReplyWindowOpen(adapter, door.last_inbound_at) && !template) {
    throw new AscoltoError(
      'ASCOLTO_ERR_VALIDATION',
      'Past the reply window this door needs an approved template',
    )
  }
  const text = template?.text ?? input.text?.trim()
  if (!text) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Write the first message')

  // the person's open conversation on that door, or a new one in the operator's hands, in the case
  const open = await tx.query<{ id: string }>(
    `select id from conversation where contact_id = $1 and channel_id = $2 and status <> 'closed' for update`,
    [input.contactId, input.channelId],
  )
  let conversationId = open.rows[0]?.id
  if (!conversationId) {
    const made = await tx.query<{ id: string }>(
      `insert into conversation (helpline_id, contact_id, channel_id, status, assignee_id)
       values ($1, $2, $3, 'open', $4) returning id`,
      [caseRecord.helpline_id, input.contactId, input.channelId, actor.userId],
    )
    conversationId = made.rows[0]?.id as string
  }
  await tx.query(
    `insert into case_conversation (conversation_id, case_id, added_by) values ($1, $2, $3)
     on conflict (conversation_id) do nothing`,
    [conversationId, caseId, actor.userId],
  )
  const messageId = await queueOutboundMessage(tx, {
    sealer: await contactSealer(tx, services.keyring, { contactId: input.contactId }),
    helplineId: caseRecord.helpline_id,
    conversationId,
    channelId: input.channelId,
    authorId: actor.userId,
    kind: template ? 'template' : 'text',
    text,
  })
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.first_contact',
    subjectType: 'case',
    subjectId: caseId,
    details: {
      conversationId,
      channelId: input.channelId,
      template: template !== null && template !== undefined,
    },
  })
  await announceCaseChange(context, caseId)
  return { conversationId, messageId }
}
