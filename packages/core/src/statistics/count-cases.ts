// The cases behind the statistics, from case_fact only (no person, no text): per kind, how many
// opened and how many closed in the period; of those closed, how long they lasted, how many people
// and conversations each had, and how they ended.
import type { CaseCounts } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Period } from './count-closed-conversations.ts'

const closed = 'f.closed_on between $2::date and $3::date'
const timesOf = (column: string, round: string) =>
  `jsonb_build_object(
     'median', ${round.replace('$', `percentile_cont(0.5) within group (order by f.${column}) filter (where ${closed})`)},
     'average', ${round.replace('$', `avg(f.${column}) filter (where ${closed})`)})`
const seconds = 'round($)::int'
const perCase = 'round(($)::numeric, 1)::float8'

export async function countCases(
  db: Pick<Tx, 'query'>,
  { helplineId, from, to }: Period,
): Promise<CaseCounts[]> {
  const { rows } = await db.query<Omit<CaseCounts, 'outcomes'>>(
    `select f.kind,
            (count(*) filter (where f.opened_on between $2::date and $3::date))::int as opened,
            (count(*) filter (where ${closed}))::int as closed,
            ${timesOf('duration_seconds', seconds)} as duration,
            ${timesOf('contacts', perCase)} as contacts,
            ${timesOf('conversations', perCase)} as conversations
       from case_fact f
      where f.helpline_id = $1 and (f.opened_on between $2::date and $3::date or ${closed})
      group by f.kind order by f.kind`,
    [helplineId, from, to],
  )
  const outcomes = await db.query<{ kind: string; outcome: string; count: number }>(
    `select f.kind, coalesce(f.outcome, 'other') as outcome, count(*)::int as count
       from case_fact f where f.helpline_id = $1 and ${closed}
      group by f.kind, coalesce(f.outcome, 'other') order by f.kind, count desc, outcome`,
    [helplineId, from, to],
  )
  return rows.map((row) => ({
    ...row,
    outcomes: outcomes.rows
      .filter((o) => o.kind === row.kind)
      .map(({ outcome, count }) => ({ outcome, count })),
  }))
}
