// Automatic assignment, for a helpline whose desk says so: a waiting conversation goes to the
// least busy volunteer who is available, signed in, and under the helpline's limit of
// conversations at once; a volunteer who speaks the conversation's language (natively or
// fluently) before one who does not, and then volunteers on shift now (the rota) before those who
// are not. Nobody free: it stays in the queue, to be taken by hand or assigned when someone
// becomes free (closes one, or sets themselves available).
import type { HelplineSettings } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { listOperatorsOnShift } from '../rota/list-operators-on-shift.ts'
import { riskRank } from '../triage/conversation-risk.ts'

/** The volunteer the conversation was given to, or null when nobody is free. */
export async function assignAutomatically(
  tx: Tx,
  settings: Pick<HelplineSettings, 'desk'>,
  conversation: { helplineId: string; conversationId: string },
): Promise<string | null> {
  if (settings.desk?.assignment !== 'automatic') return null
  // the transaction's time, as the sessions' check below uses
  const { rows: clock } = await tx.query<{ now: Date }>('select now()')
  const onShift = await listOperatorsOnShift(tx, {
    helplineId: conversation.helplineId,
    at: clock[0]?.now ?? new Date(),
  })
  const { rows } = await tx.query<{ id: string }>(
    `select u.id from membership m join app_user u on u.id = m.user_id
       cross join lateral (select count(*)::int as load from conversation c
                            where c.assignee_id = u.id and c.helpline_id = m.helpline_id and c.status = 'open') l
      where m.helpline_id = $1 and m.role = 'volunteer' and u.deactivated_at is null
        and u.availability = 'available'
        and exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > now())
        and ($2::int is null or l.load < $2)
      order by exists (select 1 from operator_language ol join conversation c on c.id = $4
                        where ol.user_id = u.id and ol.language = c.language and ol.level <> 'basic') desc,
               u.id = any($3::uuid[]) desc, l.load, u.id
      limit 1
      for update of u`,
    [
      conversation.helplineId,
      settings.desk.maxConcurrent ?? null,
      onShift.map((o) => o.userId),
      conversation.conversationId,
    ],
  )
  const volunteerId = rows[0]?.id
  if (!volunteerId) return null
  const updated = await tx.query(
    `update conversation set status = 'open', assignee_id = $2 where id = $1 and status = 'waiting'`,
    [conversation.conversationId, volunteerId],
  )
  return updated.rowCount ? volunteerId : null
}

/** Gives the waiting conversations, longest due first, to whoever is free, while someone is. */
export async function assignWaiting(
  tx: Tx,
  settings: Pick<HelplineSettings, 'desk'>,
  helplineId: string,
): Promise<string[]> {
  if (settings.desk?.assignment !== 'automatic') return []
  const { rows } = await tx.query<{ id: string }>(
    `select id from conversation where helpline_id = $1 and status = 'waiting'
      order by ${riskRank('risk_level')} desc, coalesce(due_at, opened_at), opened_at limit 50 for update skip locked`,
    [helplineId],
  )
  const assigned: string[] = []
  for (const { id } of rows) {
    if (!(await assignAutomatically(tx, settings, { helplineId, conversationId: id }))) break
    assigned.push(id)
  }
  return assigned
}
