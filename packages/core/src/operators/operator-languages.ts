// The languages an operator speaks: written by the operator, read by automatic assignment and by
// the supervision room's "covered now".
import type { Queryable } from '@ascolto/db'
import type { LanguagesCovered, OwnLanguages } from '@ascolto/protocol'
import type { Actor, Tx } from '../context.ts'
import { requireRole } from './require-role.ts'

export async function readOwnLanguages(db: Queryable, actor: Actor): Promise<OwnLanguages> {
  const { rows } = await db.query<OwnLanguages['languages'][number]>(
    `select language, level from operator_language where user_id = $1
      order by array_position(array['native', 'fluent', 'basic'], level), language`,
    [actor.userId],
  )
  return { languages: rows }
}

/** Replaces the operator's languages (one level per language: the last one given counts). */
export async function setOwnLanguages(tx: Tx, actor: Actor, body: OwnLanguages): Promise<OwnLanguages> {
  const levels = new Map(body.languages.map((l) => [l.language, l.level]))
  await tx.query('delete from operator_language where user_id = $1', [actor.userId])
  await tx.query(
    `insert into operator_language (user_id, language, level)
     select $1, language, level from unnest($2::text[], $3::text[]) as l(language, level)`,
    [actor.userId, [...levels.keys()], [...levels.values()]],
  )
  return readOwnLanguages(tx, actor)
}

/** The languages of the helpline's members who are available and signed in now. */
export async function listLanguagesCovered(
  db: Queryable,
  actor: Actor,
  helplineId: string,
): Promise<LanguagesCovered> {
  requireRole(actor, helplineId, 'supervisor')
  const { rows } = await db.query<{ language: string; operators: number }>(
    `select l.language, count(*)::int as operators
       from membership m join app_user u on u.id = m.user_id join operator_language l on l.user_id = u.id
      where m.helpline_id = $1 and u.deactivated_at is null and u.availability = 'available'
        and l.level <> 'basic'
        and exists (select 1 from user_session s where s.user_id = u.id and s.expires_at > now())
      group by l.language order by count(*) desc, l.language`,
    [helplineId],
  )
  return { now: rows }
}
