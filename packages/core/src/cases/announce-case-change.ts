// After a case changed, every console of its helpline hears which case and in what state (ids and
// states only, never a title or a word of it): whoever shows it reads it again through the API,
// where the wall and the team decide who sees what it holds.
import type { CaseChange } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'

export async function announceCaseChange(
  { tx, afterCommit, services }: { tx: Pick<Tx, 'query'>; afterCommit: AfterCommit; services: Services },
  caseId: string,
) {
  const { rows } = await tx.query<Omit<CaseChange, 'conversationIds'> & { conversationIds: string[] }>(
    `select c.id as "caseId", c.helpline_id as "helplineId", c.kind, c.status,
            coalesce(array_agg(cc.conversation_id order by cc.conversation_id)
                       filter (where cc.conversation_id is not null), '{}') as "conversationIds"
       from help_case c left join case_conversation cc on cc.case_id = c.id
      where c.id = $1 group by c.id`,
    [caseId],
  )
  const change = rows[0]
  if (change) afterCommit(() => services.publisher.toConsoles(change.helplineId, 'case.changed', change))
}
