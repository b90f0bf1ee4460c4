// The members of a helpline as a transfer offers them and the supervisor's room shows them: with
// their availability, whether they are signed in, and how many conversations they have open there.
// Those signed in first. The caller has checked the reader's role.
import type { Queryable } from '@ascolto/db'
import type { Colleague } from '@ascolto/protocol'

export async function listColleagues(db: Queryable, helplineId: string): Promise<Colleague[]> {
  const { rows } = await db.query<{
    id: string
    display_name: string
    role: Colleague['role']
    availability: Colleague['availability']
    signed_in: boolean
    load: number
  }>(
    `select u.id, u.display_name, m.role, u.availability,
            exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > now()) as signed_in,
            (select count(*)::int from conversation c
              where c.assignee_id = u.id and c.helpline_id = m.helpline_id and c.status = 'open') as load
       from membership m join app_user u on u.id = m.user_id
      where m.helpline_id = $1 and u.deactivated_at is null
      order by signed_in desc, u.display_name, u.id`,
    [helplineId],
  )
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    availability: row.availability,
    signedIn: row.signed_in,
    load: row.load,
  }))
}
