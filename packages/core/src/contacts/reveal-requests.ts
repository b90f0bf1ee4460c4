// Where a helpline asks for it, revealing an address takes two people: whoever needs it asks with
// a reason, a supervisor or coordinator other than them decides within REVEAL_REQUEST_HOURS, and
// an approval lets the asker reveal once, within REVEAL_APPROVAL_MINUTES. Each step is audited,
// never with the address; each is pushed to the consoles concerned as ids and a state, never text.
import { randomUUID } from 'node:crypto'
import type { Queryable } from '@ascolto/db'
import type { RevealRequestChange, RevealRequestView } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import {
  type ConversationRecord,
  findConversationForActor,
  sealerOf,
} from '../conversations/find-conversation.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'

export const REVEAL_APPROVAL_MINUTES = 30
/** Undecided for this long, a request lapses: the need it was asked for has likely passed. */
export const REVEAL_REQUEST_HOURS = 24

/** What a reveal request's reason is sealed to, under the person's key: the request. */
export const revealReasonContext = (requestId: string) => `reveal-request-reason:${requestId}`

/** A request's reason, opened under its person's key (sealed: the row's `reason_sealed`, its `key_sealed`). */
export function openRevealReason(
  keyring: Keyring,
  row: {
    id: string
    helpline_id: string
    contact_id: string
    key_sealed: Buffer | null
    reason_sealed: Buffer
  },
) {
  return keyring
    .contact(row.helpline_id, row.contact_id, row.key_sealed)
    .open(row.reason_sealed, revealReasonContext(row.id))
}

type Effects = { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'publisher' | 'keyring'> }

export async function revealNeedsApproval(db: Queryable, helplineId: string) {
  const { rows } = await db.query<{ reveal_needs_approval: boolean }>(
    'select reveal_needs_approval from helpline_security where helpline_id = $1',
    [helplineId],
  )
  return rows[0]?.reveal_needs_approval ?? false
}

export async function requestReveal(
  { tx, afterCommit, services }: Effects,
  actor: Actor,
  input: { conversationId: string; reason: string },
): Promise<RevealRequestView> {
  const record = await findConversationForActor(tx, actor, input.conversationId)
  if (!(await revealNeedsApproval(tx, record.helpline_id))) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'This helpline reveals addresses without requests')
  }
  const id = randomUUID()
  const sealed = sealerOf(services.keyring, record).seal(input.reason.trim(), revealReasonContext(id))
  const { rows } = await tx.query<{ id: string; created_at: Date }>(
    `insert into reveal_request (id, helpline_id, conversation_id, requested_by, reason_sealed)
     values ($1, $2, $3, $4, $5) returning id, created_at`,
    [id, record.helpline_id, record.id, actor.userId, sealed],
  )
  const row = rows[0]
  if (!row) throw new Error('Reveal request insert returned nothing')
  await recordAuditEvent(tx, {
    helplineId: record.helpline_id,
    actorId: actor.userId,
    action: 'contact.reveal_requested',
    subjectType: 'reveal_request',
    subjectId: row.id,
    details: { conversationId: record.id },
    reason: { text: input.reason.trim(), keyring: services.keyring },
  })
  // the helpline's consoles: its supervisors' lists, and the asker's other devices
  const change: RevealRequestChange = {
    id: row.id,
    conversationId: record.id,
    helplineId: record.helpline_id,
    requestedBy: actor.userId,
    state: 'pending',
  }
  afterCommit(() => services.publisher.toConsoles(record.helpline_id, 'reveal-request.updated', change))
  return {
    id: row.id,
    conversationId: record.id,
    requestedBy: { id: actor.userId, displayName: actor.displayName },
    reason: input.reason.trim(),
    createdAt: row.created_at.toISOString(),
  }
}

/** The requests waiting for a decision in a helpline, for its supervisors. */
export async function listRevealRequests(
  db: Queryable,
  keyring: Keyring,
  actor: Actor,
  helplineId: string,
): Promise<RevealRequestView[]> {
  requireRole(actor, helplineId, 'supervisor')
  const { rows } = await db.query<{
    id: string
    conversation_id: string
    requested_by: string
    display_name: string
    helpline_id: string
    contact_id: string
    key_sealed: Buffer | null
    reason_sealed: Buffer
    created_at: Date
  }>(
    `select r.id, r.conversation_id, r.requested_by, u.display_name, r.helpline_id, v.contact_id, k.key_sealed,
            r.reason_sealed, r.created_at
       from reveal_request r join app_user u on u.id = r.requested_by
       join conversation v on v.id = r.conversation_id
       left join keystore.contact_key k on k.contact_id = v.contact_id
      where r.helpline_id = $1 and r.decided_at is null
        and r.created_at > now() - make_interval(hours => $2)
      order by r.created_at`,
    [helplineId, REVEAL_REQUEST_HOURS],
  )
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    requestedBy: { id: r.requested_by, displayName: r.display_name },
    reason: openRevealReason(keyring, r),
    createdAt: r.created_at.toISOString(),
  }))
}

export async function decideRevealRequest(
  { tx, afterCommit, services }: Effects,
  actor: Actor,
  input: { requestId: string; approve: boolean },
) {
  const { rows } = await tx.query<{
    helpline_id: string
    conversation_id: string
    requested_by: string
    decided_at: Date | null
    lapsed: boolean
  }>(
    `select helpline_id, conversation_id, requested_by, decided_at,
            created_at <= now() - make_interval(hours => $3) as lapsed
       from reveal_request where id = $1 and helpline_id = any($2::uuid[]) for update`,
    [input.requestId, [...actor.roles.keys()], REVEAL_REQUEST_HOURS],
  )
  const request = rows[0]
  if (!request) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Request not found')
  requireRole(actor, request.helpline_id, 'supervisor')
  if (request.requested_by === actor.userId) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Another supervisor decides on your own request')
  }
  if (request.decided_at) throw new AscoltoError('ASCOLTO_ERR_DUPLICATE_CONFLICT', 'Already decided')
  if (request.lapsed) throw new AscoltoError('ASCOLTO_ERR_REQUEST_EXPIRED', 'The request has expired')
  await tx.query(
    'update reveal_request set decided_by = $2, decided_at = now(), approved = $3 where id = $1',
    [input.requestId, actor.userId, input.approve],
  )
  await recordAuditEvent(tx, {
    helplineId: request.helpline_id,
    actorId: actor.userId,
    action: input.approve ? 'contact.reveal_approved' : 'contact.reveal_refused',
    subjectType: 'reveal_request',
    subjectId: input.requestId,
  })
  const change: RevealRequestChange = {
    id: input.requestId,
    conversationId: request.conversation_id,
    helplineId: request.helpline_id,
    requestedBy: request.requested_by,
    state: input.approve ? 'approved' : 'refused',
  }
  afterCommit(() => services.publisher.toOperator(request.requested_by, 'reveal-request.updated', change))
}

/**
 * Spends the asker's approved request for this conversation, if there is one still fresh; its
 * reason and approver go with the reveal into the audit log. None: forbidden.
 */
export async function spendApprovedReveal(
  tx: Tx,
  keyring: Keyring,
  actor: Actor,
  record: Pick<ConversationRecord, 'id' | 'helpline_id' | 'contact_id' | 'key_sealed'>,
) {
  const { rows } = await tx.query<{ id: string; reason_sealed: Buffer; decided_by: string | null }>(
    `update reveal_request set used_at = now()
      where id = (select id from reveal_request
                   where conversation_id = $1 and requested_by = $2 and approved and used_at is null
                     and decided_at > now() - make_interval(mins => $3)
                   order by decided_at desc limit 1 for update)
      returning id, reason_sealed, decided_by`,
    [record.id, actor.userId, REVEAL_APPROVAL_MINUTES],
  )
  const spent = rows[0]
  if (!spent) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'Revealing an address here needs an approved request')
  }
  const reason = openRevealReason(keyring, {
    ...spent,
    helpline_id: record.helpline_id,
    contact_id: record.contact_id,
    key_sealed: record.key_sealed,
  })
  return { id: spent.id, reason, decided_by: spent.decided_by }
}
