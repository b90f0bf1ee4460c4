import type { Queryable } from '@ascolto/db'
import type { SessionView } from '@ascolto/protocol'
import { secondFactorState } from './second-factor.ts'
import type { SessionActor } from './sessions.ts'

export async function describeSession(db: Queryable, actor: SessionActor): Promise<SessionView> {
  const user = await db.query<{
    id: string
    display_name: string
    email: string
    is_admin: boolean
    locale: string
  }>('select id, display_name, email, is_admin, locale from app_user where id = $1', [actor.userId])
  const memberships = await db.query<{
    helpline_id: string
    name: string
    role: SessionView['memberships'][number]['role']
  }>(
    `select m.helpline_id, h.name, m.role from membership m join helpline h on h.id = m.helpline_id
      where m.user_id = $1 order by h.name`,
    [actor.userId],
  )
  const u = user.rows[0]
  if (!u) throw new Error('Signed-in user vanished')
  const { enrolled, required } = await secondFactorState(db, actor.userId)
  return {
    user: { id: u.id, displayName: u.display_name, email: u.email, isAdmin: u.is_admin, locale: u.locale },
    memberships: memberships.rows.map((m) => ({
      helplineId: m.helpline_id,
      helplineName: m.name,
      role: m.role,
    })),
    secondFactor: { enrolled, required, mustEnrol: actor.enrolmentOnly },
  }
}
