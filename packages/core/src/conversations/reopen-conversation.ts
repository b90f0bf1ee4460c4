// A person who writes again soon after their conversation closed (within the helpline's
// `desk.reopenHours`, default 24; 0: never) goes on in the same conversation rather than a new one.
// It is offered first to the volunteer who had it, when they are available and signed in (it goes
// straight to their list); otherwise it waits in the queue like a new one. The automatic replies it
// was sent the same day (in the helpline's time zone) are not sent again. The window is measured on
// the database's clock, the one closed_at was written with.
import type { HelplineSettings } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import { openingRulesOf } from '../helplines/helpline-settings.ts'
import { dueTime, queuedSince } from '../policy/index.ts'

export const DEFAULT_REOPEN_HOURS = 24

export type Reopened = {
  id: string
  /** The kinds of automatic reply already sent it today: not sent again. */
  auto_replies_sent: string[]
  /** The volunteer it went back to; null: it waits in the queue. */
  offeredTo: string | null
}

export async function reopenRecentConversation(
  tx: Tx,
  settings: HelplineSettings,
  person: { contactId: string; channelId: string; at: Date },
): Promise<Reopened | undefined> {
  const hours = settings.desk?.reopenHours ?? DEFAULT_REOPEN_HOURS
  if (hours === 0) return undefined
  const { rows } = await tx.query<{
    id: string
    assignee_id: string | null
    same_day: boolean
    sent: string[]
  }>(
    `select c.id, c.assignee_id, c.auto_replies_sent as sent,
            (c.closed_at at time zone h.time_zone)::date = (now() at time zone h.time_zone)::date as same_day
       from conversation c join helpline h on h.id = c.helpline_id
      where c.contact_id = $1 and c.channel_id = $2 and c.status = 'closed'
        and c.closed_at > now() - make_interval(hours => $3)
        -- a blocked person's kept messages are closed at once: never a conversation to go on with
        and exists (select 1 from message m where m.conversation_id = c.id and m.hidden_reason is distinct from 'blocked')
      order by c.closed_at desc limit 1
      for update of c`,
    [person.contactId, person.channelId, hours],
  )
  const closed = rows[0]
  if (!closed) return undefined
  const { rows: free } = await tx.query<{ id: string }>(
    `select u.id from app_user u join membership m on m.user_id = u.id
       join conversation c on c.helpline_id = m.helpline_id and c.id = $2
      where u.id = $1 and u.deactivated_at is null and u.availability = 'available'
        and exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > now())`,
    [closed.assignee_id, closed.id],
  )
  const offeredTo = free[0]?.id ?? null
  const sent = closed.same_day ? closed.sent : []
  await tx.query(
    `update conversation set status = $2, assignee_id = $3, closed_at = null, ended_by_visitor_at = null,
            visitor_away_since = null, due_at = $4, auto_replies_sent = $5, queued_at = $6
      where id = $1`,
    [
      closed.id,
      offeredTo ? 'open' : 'waiting',
      offeredTo,
      dueTime(openingRulesOf(settings), person.at),
      sent,
      queuedSince(openingRulesOf(settings), person.at),
    ],
  )
  return { id: closed.id, auto_replies_sent: sent, offeredTo }
}
