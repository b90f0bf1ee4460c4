// Retention of cases: a case is kept while open (or on hold) and for the helpline's retention
// months after it closed, or longer while its legal hold lasts; then it is deleted for real (its
// plan, notes and follow-ups with it), its anonymous facts kept. While a case is kept, the
// people in it are kept too (purge-inactive-contacts.ts asks `keptByCase`).

import { recordCaseFacts } from '../cases/record-case-facts.ts'
import type { Tx } from '../context.ts'

/** SQL: the contact `contactColumn` belongs to a case still kept at $now (a timestamptz) with $months. */
export const keptByCase = (contactColumn: string, now: string, months: string) =>
  `exists (select 1 from case_member m join help_case c on c.id = m.case_id
            where m.contact_id = ${contactColumn}
              and (c.status <> 'closed' or c.closed_at >= ${now}::timestamptz - make_interval(months => ${months})
                   or c.legal_hold_until > ${now}::timestamptz))`

export async function purgeClosedCases(tx: Tx, input: { helplineId: string; months: number; now: Date }) {
  const { rows } = await tx.query<{ id: string }>(
    `select id from help_case
      where helpline_id = $1 and status = 'closed'
        and closed_at < $2::timestamptz - make_interval(months => $3)
        and (legal_hold_until is null or legal_hold_until <= $2::timestamptz)
      for update skip locked`,
    [input.helplineId, input.now, input.months],
  )
  const ids = rows.map((row) => row.id)
  if (ids.length === 0) return 0
  await recordCaseFacts(tx, ids)
  await tx.query('delete from help_case where id = any($1::uuid[])', [ids])
  await tx.query(
    `insert into audit_event (helpline_id, action, subject_type, subject_id, details)
     values ($1, 'retention.purge_cases', 'helpline', $1, $2)`,
    [input.helplineId, { cases: ids.length, months: input.months }],
  )
  return ids.length
}
