// The closed conversations staff look back at, newest first, fifty at a time: by door, category,
// safeguarding flag, the day they closed (the helpline's own dates), who handled them, whether the
// person left before an answer, and by the person's pseudonym. Only what retention has kept is
// there to find. Supervisors and coordinators see the helpline's; a volunteer sees those they
// handled. The search itself is audited (what was asked, never a result), as each conversation
// opened from it is, like any read.
import type { ClosedConversationList, ClosedConversationsQuery } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'

const PAGE = 50

export async function listClosedConversations(
  tx: Pick<Tx, 'query'>,
  actor: Actor,
  query: ClosedConversationsQuery,
): Promise<ClosedConversationList> {
  const role = requireRole(actor, query.helplineId, 'volunteer')
  const handledBy = role === 'volunteer' ? actor.userId : (query.handledBy ?? null)
  const pseudonym = query.pseudonym ? Number(query.pseudonym.replace(/\D/g, '')) : null
  const { rows } = await tx.query<{
    id: string
    channel_id: string
    channel_kind: string
    channel_name: string
    pseudonym: number
    opened_at: Date
    closed_at: Date
    handler_id: string | null
    handler_name: string | null
    categories: string[]
    flags: string[]
    abandoned: boolean
  }>(
    `select c.id, c.channel_id, ch.kind as channel_kind, ch.name as channel_name, ct.pseudonym,
            c.opened_at, c.closed_at, u.id as handler_id, u.display_name as handler_name,
            coalesce(f.categories, '{}') as categories,
            array(select distinct sf.kind from safeguarding_flag sf where sf.conversation_id = c.id) as flags,
            coalesce(f.abandoned, false) as abandoned
       from conversation c
       join helpline h on h.id = c.helpline_id
       join channel ch on ch.id = c.channel_id
       join contact ct on ct.id = c.contact_id
       left join app_user u on u.id = c.assignee_id
       left join conversation_fact f on f.conversation_id = c.id
      where c.helpline_id = $1 and c.status = 'closed'
        and ($2::uuid is null or c.channel_id = $2)
        and ($3::text is null or $3 = any(f.categories))
        and ($4::text is null or exists (
              select 1 from safeguarding_flag sf where sf.conversation_id = c.id and ($4 = 'any' or sf.kind = $4)))
        and ($5::date is null or (c.closed_at at time zone h.time_zone)::date >= $5::date)
        and ($6::date is null or (c.closed_at at time zone h.time_zone)::date <= $6::date)
        and ($7::uuid is null or c.assignee_id = $7)
        and ($8::int is null or ct.pseudonym = $8)
        and ($9::boolean is null or coalesce(f.abandoned, false) = $9)
        and ($10::timestamptz is null or c.closed_at < $10)
      order by c.closed_at desc, c.id
      limit ${PAGE + 1}`,
    [
      query.helplineId,
      query.channelId ?? null,
      query.category ?? null,
      query.flag ?? null,
      query.from ?? null,
      query.to ?? null,
      handledBy,
      pseudonym,
      query.abandoned === undefined ? null : query.abandoned === 'true',
      query.before ?? null,
    ],
  )
  const { helplineId, ...filters } = query
  await recordAuditEvent(tx, {
    helplineId,
    actorId: actor.userId,
    action: 'conversations.search',
    subjectType: 'helpline',
    subjectId: helplineId,
    details: filters,
  })
  const doors = await tx.query<{ id: string; kind: string; name: string }>(
    'select id, kind, name from channel where helpline_id = $1 order by kind, name',
    [helplineId],
  )
  return {
    doors: doors.rows,
    more: rows.length > PAGE,
    conversations: rows.slice(0, PAGE).map((row) => ({
      id: row.id,
      channelId: row.channel_id,
      channelKind: row.channel_kind,
      channelName: row.channel_name,
      contactPseudonym: row.pseudonym,
      openedAt: row.opened_at.toISOString(),
      closedAt: row.closed_at.toISOString(),
      handledBy: row.handler_id ? { id: row.handler_id, displayName: row.handler_name ?? '' } : null,
      categories: row.categories,
      flags: row.flags,
      abandoned: row.abandoned,
    })),
  }
}
