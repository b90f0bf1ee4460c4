// A conversation joins a case from the desk: its person becomes a member (the person followed
// when no relation is given and the case has none yet, or someone about them with their relation,
// sealed under their own key). A conversation belongs to one case at most.
import type { AddCaseConversationBody, CaseView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import {
  type ConversationRecord,
  findConversationForActor,
  isSupervising,
  sealerOf,
} from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { announceCaseChange } from './announce-case-change.ts'
import { loadCaseView } from './case-views.ts'
import { type CaseRecord, findCaseForActor, relationContext } from './find-case.ts'

/** The conversation, if the actor handles it or supervises its helpline. */
export async function findOwnConversation(tx: Tx, actor: Actor, conversationId: string) {
  const conversation = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (conversation.assignee_id !== actor.userId && !isSupervising(actor, conversation.helpline_id)) {
    throw new AscoltoError(
      'ASCOLTO_ERR_NOT_ASSIGNED',
      'Only whoever handles the conversation adds it to a case',
    )
  }
  return conversation
}

/** Links the conversation and makes its person a member; the caller has checked both sides. */
export async function linkConversation(
  { tx, services }: { tx: Tx; services: Services },
  actor: Actor,
  caseRecord: CaseRecord,
  conversation: ConversationRecord,
  relation: string | undefined,
) {
  const linked = await tx.query(
    `insert into case_conversation (conversation_id, case_id, added_by) values ($1, $2, $3)
     on conflict (conversation_id) do nothing`,
    [conversation.id, caseRecord.id, actor.userId],
  )
  if (!linked.rowCount) {
    throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'This conversation already belongs to a case')
  }
  const words = relation?.trim() ?? ''
  const { rows } = await tx.query<{ has_subject: boolean }>(
    'select exists (select 1 from case_member where case_id = $1 and is_subject) as has_subject',
    [caseRecord.id],
  )
  const isSubject = words === '' && !rows[0]?.has_subject
  const relationSealed =
    words === ''
      ? null
      : sealerOf(services.keyring, conversation).seal(
          words,
          relationContext(caseRecord.id, conversation.contact_id),
        )
  // the same person on a second conversation keeps what they are to the case
  await tx.query(
    `insert into case_member (case_id, contact_id, is_subject, relation_sealed) values ($1, $2, $3, $4)
     on conflict (case_id, contact_id) do nothing`,
    [caseRecord.id, conversation.contact_id, isSubject, relationSealed],
  )
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.conversation_added',
    subjectType: 'case',
    subjectId: caseRecord.id,
    details: { conversationId: conversation.id },
  })
}

export async function addCaseConversation(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  body: AddCaseConversationBody,
): Promise<CaseView> {
  const caseRecord = await findCaseForActor(context.tx, actor, caseId, { lock: true })
  const conversation = await findOwnConversation(context.tx, actor, body.conversationId)
  if (conversation.helpline_id !== caseRecord.helpline_id) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found')
  }
  await linkConversation(context, actor, caseRecord, conversation, body.relation)
  await announceCaseChange(context, caseId)
  return loadCaseView(context.tx, context.services.keyring, caseId, context.services.clock())
}
