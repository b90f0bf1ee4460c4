// The anonymous facts of cases (kind, outcome, days, how many people and conversations): written
// when a case opens, again when its status changes, and just before erasure or retention deletes
// it, so the statistics outlive the case. No person, no text.
import type { Queryable } from '@ascolto/db'

export async function recordCaseFacts(db: Queryable, caseIds: readonly string[]) {
  if (caseIds.length === 0) return
  await db.query(
    `insert into case_fact (case_id, helpline_id, kind, opened_on, closed_on, outcome, duration_seconds, contacts, conversations)
     select c.id, c.helpline_id, c.kind, c.opened_at::date, c.closed_at::date, c.outcome,
            extract(epoch from c.closed_at - c.opened_at)::integer,
            (select count(*) from case_member m where m.case_id = c.id),
            (select count(*) from case_conversation v where v.case_id = c.id)
       from help_case c where c.id = any($1::uuid[])
     on conflict (case_id) do update set
       closed_on = excluded.closed_on, outcome = excluded.outcome,
       duration_seconds = excluded.duration_seconds,
       -- erasure takes people out before the case goes: the most it ever had is the fact
       contacts = greatest(case_fact.contacts, excluded.contacts),
       conversations = greatest(case_fact.conversations, excluded.conversations),
       recorded_at = now()`,
    [caseIds],
  )
}

/**
 * After people were erased: their cases without anybody left go, their facts kept. Returns the
 * ids deleted.
 */
export async function dropEmptyCases(db: Queryable, caseIds: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select c.id from help_case c
      where c.id = any($1::uuid[]) and not exists (select 1 from case_member m where m.case_id = c.id)`,
    [caseIds],
  )
  const empty = rows.map((row) => row.id)
  await db.query('delete from help_case where id = any($1::uuid[])', [empty])
  return empty
}
