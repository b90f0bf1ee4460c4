// What the console shows of a call-back request: who (the pseudonym, never the number), when it
// is due, how many tries, and whether the recording is ready to play (or the case that asked).

import type { Queryable } from '@ascolto/db'
import type { CallbackView } from '@ascolto/protocol'

type CallbackRow = {
  id: string
  helpline_id: string
  conversation_id: string
  message_id: string | null
  case_id: string | null
  pseudonym: number
  status: CallbackView['status']
  attempts: number
  due_at: Date
  last_attempt_at: Date | null
  created_at: Date
  recording_ready: boolean
  duration_seconds: number | null
}

const SELECT = `
  select r.id, r.helpline_id, r.conversation_id, r.message_id, r.case_id, ct.pseudonym, r.status, r.attempts,
         r.due_at, r.last_attempt_at, r.created_at,
         exists (select 1 from media_file f where f.message_id = r.message_id) as recording_ready,
         (select (m.media->>'durationSeconds')::int from message m where m.id = r.message_id) as duration_seconds
    from callback_request r
    join conversation c on c.id = r.conversation_id
    join contact ct on ct.id = c.contact_id`

function viewOf(row: CallbackRow): CallbackView {
  return {
    id: row.id,
    helplineId: row.helpline_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    caseId: row.case_id,
    pseudonym: row.pseudonym,
    status: row.status,
    attempts: row.attempts,
    dueAt: row.due_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    recordingReady: row.recording_ready,
    durationSeconds: row.duration_seconds,
  }
}

export async function loadCallbackView(db: Queryable, helplineId: string, id: string) {
  const { rows } = await db.query<CallbackRow>(`${SELECT} where r.helpline_id = $1 and r.id = $2`, [
    helplineId,
    id,
  ])
  return rows[0] ? viewOf(rows[0]) : null
}

/** The call-backs still to make (pending, or not reached yet), the most overdue first. */
export async function loadOpenCallbackViews(db: Queryable, helplineIds: readonly string[]) {
  const { rows } = await db.query<CallbackRow>(
    `${SELECT} where r.helpline_id = any($1::uuid[]) and r.status in ('pending', 'not_reachable')
      order by r.due_at, r.created_at limit 200`,
    [helplineIds],
  )
  return rows.map(viewOf)
}
