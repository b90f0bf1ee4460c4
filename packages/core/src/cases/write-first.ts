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
import { doorConversation, memberDoor, requireCaseConsent } from './case-doors.ts'
import { findCaseForActor } from './find-case.ts'

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
  await requireCaseConsent(tx, caseId, input)
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

  const conversationId = await doorConversation(tx, {
    contactId: input.contactId,
    channelId: input.channelId,
    caseId,
    helplineId: caseRecord.helpline_id,
    operatorId: actor.userId,
  })
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
