// The call-backs a case asked for, as its page shows them: to whom (a pseudonym, never the number),
// by when, how many tries and how it went. Newest first.
import type { CaseCallbackView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'

type Row = {
  id: string
  conversation_id: string
  contact_id: string
  channel_id: string
  pseudonym: number
  status: CaseCallbackView['status']
  attempts: number
  due_at: Date
  last_attempt_at: Date | null
  requested_by: string | null
  requested_by_name: string | null
  created_at: Date
}

export async function loadCaseCallbacks(db: Pick<Tx, 'query'>, caseId: string): Promise<CaseCallbackView[]> {
  const { rows } = await db.query<Row>(
    `select r.id, r.conversation_id, v.contact_id, v.channel_id, ct.pseudonym, r.status, r.attempts, r.due_at, r.last_attempt_at,
            r.requested_by, u.display_name as requested_by_name, r.created_at
       from callback_request r join conversation v on v.id = r.conversation_id
       join contact ct on ct.id = v.contact_id left join app_user u on u.id = r.requested_by
      where r.case_id = $1 order by r.created_at desc, r.id`,
    [caseId],
  )
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    contactId: row.contact_id,
    channelId: row.channel_id,
    pseudonym: row.pseudonym,
    status: row.status,
    attempts: row.attempts,
    dueAt: row.due_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    askedBy: row.requested_by ? { id: row.requested_by, displayName: row.requested_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  }))
}
