import type { Queryable } from '@ascolto/db'
import type { CannedReply } from '@ascolto/protocol'

type CannedReplyRow = { id: string; helpline_id: string; shortcut: string; title: string; body: string }

/** The helpline's canned replies, by shortcut: what the reply box offers after a slash. */
export async function loadCannedReplies(
  db: Queryable,
  helplineId: string,
  filter: { id?: string } = {},
): Promise<CannedReply[]> {
  const { rows } = await db.query<CannedReplyRow>(
    `select id, helpline_id, shortcut, title, body from canned_reply
      where helpline_id = $1 and ($2::uuid is null or id = $2)
      order by shortcut`,
    [helplineId, filter.id ?? null],
  )
  return rows.map((row) => ({
    id: row.id,
    helplineId: row.helpline_id,
    shortcut: row.shortcut,
    title: row.title,
    text: row.body,
  }))
}
