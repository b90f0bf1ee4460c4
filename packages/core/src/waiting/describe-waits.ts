// Where each waiting conversation of a helpline stands: its place in the queue (the desk's order:
// risk, then due time) and its expected wait from the operators who can answer now (available,
// signed in, and on shift where the helpline keeps a rota), their open conversations and their
// usual handling time. No minutes where nobody can keep them: the helpline's due time instead.
import type { Queryable } from '@ascolto/db'
import type { WidgetWait } from '@ascolto/protocol'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { onShiftNow } from '../rota/answering-now.ts'
import { riskRank } from '../triage/conversation-risk.ts'
import { type AnsweringOperator, expectedWaits, typicalHandlingMinutes } from './expected-wait.ts'

/** Conversations closed in this window count for the handling time, the latest of them. */
const RECENT = { days: 14, atMost: 20 }

export type QueueWait = WidgetWait & { conversationId: string }

/** Whose waits: one conversation's, or every web-chat visitor's (the widget shows them live). */
export type WaitsOf = { conversationId: string } | { webchat: true }

/**
 * The waits asked for, in queue order; none when the helpline does not show waits. Places are
 * counted in the database: a long queue costs this process only the rows asked for.
 */
export async function describeWaits(
  db: Queryable,
  { helplineId, at, of }: { helplineId: string; at: Date; of: WaitsOf },
): Promise<QueueWait[]> {
  const settings = await loadHelplineSettings(db, helplineId)
  if (settings.wait?.show === false) return []
  const { rows: asked } = await db.query<{ id: string; due_at: Date | null; place: number }>(
    `select id, due_at, place from (
       select c.id, c.due_at, c.channel_id,
              row_number() over (order by ${riskRank('c.risk_level')} desc, coalesce(c.due_at, c.opened_at), c.opened_at, c.id)::int as place
         from conversation c where c.helpline_id = $1 and c.status = 'waiting') queue
      where queue.id = $2::uuid
         or ($3 and exists (select 1 from channel ch where ch.id = queue.channel_id and ch.kind = 'webchat'))
      order by place`,
    [helplineId, 'conversationId' in of ? of.conversationId : null, 'webchat' in of],
  )
  const last = asked.at(-1)
  if (!last) return []
  const operators = await answeringOperators(db, helplineId, at)
  const handlingMinutes = await recentHandlingMinutes(db, helplineId, at, [...operators.keys()])
  const minutes = expectedWaits(
    { operators: [...operators.values()], perOperator: settings.desk?.maxConcurrent ?? 1, handlingMinutes },
    at,
    last.place,
  )
  return asked.map((row) => {
    const wait = minutes[row.place - 1] ?? null
    return {
      conversationId: row.id,
      place: row.place,
      minutes: wait,
      answerBy: wait === null && row.due_at && row.due_at > at ? row.due_at.toISOString() : null,
    }
  })
}

/** The volunteers who can take a conversation now, with when each of their open ones began to be handled. */
async function answeringOperators(db: Queryable, helplineId: string, at: Date) {
  const onShift = await onShiftNow(db, { helplineId, at })
  const { rows } = await db.query<{ id: string; since: Date[] }>(
    `select u.id,
            coalesce(array_agg(coalesce(first_reply.at, $2) order by c.id) filter (where c.id is not null), '{}') as since
       from membership m join app_user u on u.id = m.user_id
       left join conversation c on c.assignee_id = u.id and c.helpline_id = m.helpline_id and c.status = 'open'
       left join lateral (select min(r.created_at) as at from message r
                           where r.conversation_id = c.id and r.direction = 'outbound' and r.author_id is not null) first_reply on true
      where m.helpline_id = $1 and m.role = 'volunteer' and u.deactivated_at is null
        and u.availability = 'available'
        and exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > $2)
        and ($3::uuid[] is null or u.id = any($3::uuid[]))
      group by u.id`,
    [helplineId, at, onShift ? [...onShift.keys()] : null],
  )
  return new Map<string, AnsweringOperator>(
    rows.map((row) => [row.id, { handlingSince: row.since, until: onShift?.get(row.id)?.until ?? null }]),
  )
}

/**
 * The usual time from the line's first reply to the close, over these operators' recent
 * conversations, else the whole helpline's; null with too few to say.
 */
async function recentHandlingMinutes(db: Queryable, helplineId: string, at: Date, operatorIds: string[]) {
  for (const who of [operatorIds, null]) {
    const { rows } = await db.query<{ minutes: number }>(
      `select extract(epoch from c.closed_at - min(r.created_at))::float8 / 60 as minutes
         from conversation c
         join message r on r.conversation_id = c.id and r.direction = 'outbound' and r.author_id is not null
        where c.helpline_id = $1 and c.status = 'closed'
          and c.closed_at between $2::timestamptz - make_interval(days => $4) and $2
          and ($3::uuid[] is null or c.assignee_id = any($3::uuid[]))
        group by c.id, c.closed_at
        order by c.closed_at desc limit $5`,
      [helplineId, at, who, RECENT.days, RECENT.atMost],
    )
    const typical = typicalHandlingMinutes(rows.map((row) => row.minutes))
    if (typical !== null) return typical
  }
  return null
}
