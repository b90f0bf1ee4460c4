// A helpline's audit log, for its coordinators: newest first, a page at a time (by id). Each event
// names its subject for the sentence the console makes of it: the person (a pseudonym, and the
// conversation to open), the member, the invited address, the case. Every join stays inside the
// helpline; an erased person has no name left.
import type { Queryable } from '@ascolto/db'
import type { AuditEventView } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { requireRole } from '../operators/require-role.ts'
import { openAuditReason } from './audit-reasons.ts'

export async function listAuditEvents(
  db: Queryable,
  keyring: Keyring,
  actor: Actor,
  input: { helplineId: string; before?: number; limit?: number },
): Promise<AuditEventView[]> {
  requireRole(actor, input.helplineId, 'coordinator')
  const { rows } = await db.query<{
    id: string
    helpline_id: string
    reason_sealed: Buffer | null
    at: Date
    action: string
    actor_id: string | null
    actor_name: string | null
    subject_type: string
    subject_id: string | null
    details: Record<string, unknown>
    pseudonym: number | null
    conversation_id: string | null
    member_name: string | null
    invited_email: string | null
  }>(
    `select a.id, a.helpline_id, a.reason_sealed, a.at, a.action, a.actor_id, u.display_name as actor_name, a.subject_type, a.subject_id, a.details,
            ct.pseudonym, coalesce(c.id, latest.id) as conversation_id, su.display_name as member_name,
            si.email as invited_email
       from audit_event a
       left join app_user u on u.id = a.actor_id
       left join lateral (
         select case a.subject_type
                  when 'conversation' then a.subject_id
                  when 'message' then (select m.conversation_id from message m where m.id = a.subject_id)
                  when 'reveal_request' then case when a.details->>'conversationId' ~ '^[0-9a-f-]{36}$'
                                                  then (a.details->>'conversationId')::uuid end
                end as id) named on true
       left join conversation c on c.id = named.id and c.helpline_id = a.helpline_id
       left join contact ct on ct.helpline_id = a.helpline_id
             and ct.id = coalesce(c.contact_id, case when a.subject_type = 'contact' then a.subject_id end)
       left join lateral (
         select l.id from conversation l where a.subject_type = 'contact' and l.contact_id = ct.id
          order by l.opened_at desc limit 1) latest on true
       left join app_user su on a.subject_type in ('user', 'app_user') and su.id = a.subject_id
       left join invitation si on a.subject_type = 'invitation' and si.id = a.subject_id
             and si.helpline_id = a.helpline_id
      where a.helpline_id = $1 and ($2::bigint is null or a.id < $2)
      order by a.id desc limit $3`,
    [input.helplineId, input.before ?? null, Math.min(input.limit ?? 100, 500)],
  )
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subject: subjectOf(r),
    // the reason staff typed, opened for the screen as it was written
    details: r.reason_sealed ? { ...r.details, reason: openAuditReason(keyring, r) } : r.details,
  }))
}

function subjectOf(r: {
  subject_type: string
  subject_id: string | null
  pseudonym: number | null
  conversation_id: string | null
  member_name: string | null
  invited_email: string | null
}): AuditEventView['subject'] {
  if (r.pseudonym !== null)
    return { kind: 'person', pseudonym: r.pseudonym, conversationId: r.conversation_id }
  if (r.member_name !== null) return { kind: 'member', displayName: r.member_name }
  if (r.invited_email !== null) return { kind: 'invitation', email: r.invited_email }
  if (r.subject_type === 'case' && r.subject_id) return { kind: 'case', caseId: r.subject_id }
  return null
}
