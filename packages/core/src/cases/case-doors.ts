// What the line may do first, on one person's door in a case: only where they agreed there, in this
// case (case_consent); and whatever it does lands in the person's conversation on that door (their
// open one, or a new one in the operator's hands), which the case then holds.
import type { CaseConsentBody } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'

/** The member's address on that door, within the case's helpline: what consent is about. */
export async function memberDoor(tx: Tx, caseId: string, input: CaseConsentBody) {
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

/** Refuses, before anything is written, where the person did not agree to be contacted there. */
export async function requireCaseConsent(tx: Tx, caseId: string, input: CaseConsentBody) {
  const consent = await tx.query(
    'select 1 from case_consent where case_id = $1 and contact_id = $2 and channel_id = $3',
    [caseId, input.contactId, input.channelId],
  )
  if (!consent.rowCount) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'The person did not agree to be contacted on this door')
  }
}

/** The person's open conversation on that door, or a new one in the operator's hands, in the case. */
export async function doorConversation(
  tx: Tx,
  input: CaseConsentBody & { caseId: string; helplineId: string; operatorId: string },
): Promise<string> {
  const open = await tx.query<{ id: string }>(
    `select id from conversation where contact_id = $1 and channel_id = $2 and status <> 'closed' for update`,
    [input.contactId, input.channelId],
  )
  let conversationId = open.rows[0]?.id
  if (!conversationId) {
    const made = await tx.query<{ id: string }>(
      `insert into conversation (helpline_id, contact_id, channel_id, status, assignee_id)
       values ($1, $2, $3, 'open', $4) returning id`,
      [input.helplineId, input.contactId, input.channelId, input.operatorId],
    )
    conversationId = made.rows[0]?.id as string
  }
  await tx.query(
    `insert into case_conversation (conversation_id, case_id, added_by) values ($1, $2, $3)
     on conflict (conversation_id) do nothing`,
    [conversationId, input.caseId, input.operatorId],
  )
  return conversationId
}
