// Whether someone of the line is with the person: their conversation on this door is taken or
// assigned, or the line wrote to them (a person, not an automatic reply) within the helpline's
// "still alive" time. Closing time must not interrupt them (policy/auto-reply.ts), and the widget
// says a person is there rather than "closed".
import type { Queryable } from '@ascolto/db'
import type { HelplineSettings } from '@ascolto/protocol'

export const DEFAULT_STILL_ALIVE_MINUTES = 60

export async function isConversationAttended(
  db: Queryable,
  settings: Pick<HelplineSettings, 'desk'>,
  person: { contactId: string; channelId: string; at: Date },
): Promise<boolean> {
  const minutes = settings.desk?.stillAliveMinutes ?? DEFAULT_STILL_ALIVE_MINUTES
  const { rows } = await db.query<{ attended: boolean }>(
    `select exists (select 1 from conversation c
                     where c.contact_id = $1 and c.channel_id = $2 and c.status <> 'closed'
                       and c.assignee_id is not null)
         or exists (select 1 from conversation c join message m on m.conversation_id = c.id
                     where c.contact_id = $1 and c.channel_id = $2 and m.direction = 'outbound'
                       and m.author_id is not null
                       and m.created_at > $3::timestamptz - make_interval(mins => $4)) as attended`,
    [person.contactId, person.channelId, person.at, minutes],
  )
  return rows[0]?.attended ?? false
}
