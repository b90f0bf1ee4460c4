// Clinical reviews as the consoles read them: the request and the feedback unsealed, for the
// helpline's supervisors and for the volunteer who handled the conversation.
import type { ReviewView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'

type ReviewRow = {
  conversation_id: string
  helpline_id: string
  contact_id: string
  key_sealed: Buffer | null
  pseudonym: number
  handler_id: string | null
  handler_name: string | null
  cause: ReviewView['cause']
  requested_by: string | null
  requested_by_name: string | null
  requested_at: Date
  request_sealed: Buffer | null
  reviewer_id: string | null
  reviewer_name: string | null
  feedback_sealed: Buffer | null
  signed_off_at: Date | null
}

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null)

export async function loadReviews(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  filter: { helplineIds: readonly string[]; conversationId?: string; handlerId?: string; pending?: boolean },
): Promise<ReviewView[]> {
  const { rows } = await tx.query<ReviewRow>(
    `select r.conversation_id, r.helpline_id, c.contact_id, k.key_sealed, ct.pseudonym, c.assignee_id as handler_id, h.display_name as handler_name,
            r.cause, r.requested_by, q.display_name as requested_by_name, r.requested_at, r.request_sealed,
            r.reviewer_id, v.display_name as reviewer_name, r.feedback_sealed, r.signed_off_at
       from conversation_review r
       join conversation c on c.id = r.conversation_id
       join contact ct on ct.id = c.contact_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
       left join app_user h on h.id = c.assignee_id
       left join app_user q on q.id = r.requested_by
       left join app_user v on v.id = r.reviewer_id
      where r.helpline_id = any($1::uuid[])
        and ($2::uuid is null or r.conversation_id = $2)
        and ($3::uuid is null or c.assignee_id = $3)
        and (not $4 or r.signed_off_at is null)
      order by r.signed_off_at desc nulls first, r.requested_at
      limit 200`,
    [filter.helplineIds, filter.conversationId ?? null, filter.handlerId ?? null, filter.pending ?? false],
  )
  const open = (row: ReviewRow, sealed: Buffer | null, part: string) =>
    sealed
      ? keyring
          .contact(row.helpline_id, row.contact_id, row.key_sealed)
          .open(sealed, `review:${row.conversation_id}:${part}`)
      : ''
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    helplineId: row.helpline_id,
    contactPseudonym: row.pseudonym,
    handler: person(row.handler_id, row.handler_name),
    cause: row.cause,
    requestedBy: person(row.requested_by, row.requested_by_name),
    requestedAt: row.requested_at.toISOString(),
    request: open(row, row.request_sealed, 'request'),
    reviewer: person(row.reviewer_id, row.reviewer_name),
    feedback: open(row, row.feedback_sealed, 'feedback'),
    signedOffAt: row.signed_off_at?.toISOString() ?? null,
  }))
}
