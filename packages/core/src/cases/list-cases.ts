// The cases an operator reads (their teams'; every case of the helplines they supervise), the
// case a conversation belongs to, and the follow-ups of "Da fare oggi": those due by the end of
// today (in the helpline's time zone) or overdue, of the cases the operator is responsible for.
import type { CaseSummary, CaseTask, ConversationCase } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { helplineIdsOf } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { loadCaseSummaries } from './case-views.ts'
import { loadEmergencyProcedure } from './emergency-procedure.ts'
import { entryContext, readsEveryCase, titleContext } from './find-case.ts'

type Context = { tx: Pick<Tx, 'query'>; services: Services }

const supervisedOf = (actor: Actor) => helplineIdsOf(actor).filter((id) => readsEveryCase(actor, id))

export async function listCases({ tx, services }: Context, actor: Actor): Promise<CaseSummary[]> {
  return loadCaseSummaries(tx, services.keyring, services.clock(), {
    helplineIds: helplineIdsOf(actor),
    readerId: actor.userId,
    supervised: supervisedOf(actor),
  })
}

/** Whether the conversation belongs to a case, and the case itself to whoever may read it. */
export async function findConversationCase(
  { tx, services }: Context,
  actor: Actor,
  conversationId: string,
): Promise<ConversationCase> {
  const conversation = await findConversationForActor(tx, actor, conversationId)
  const emergencyOffered = (await loadEmergencyProcedure(tx, conversation.helpline_id)) !== null
  const { rows } = await tx.query<{ case_id: string; helpline_id: string; in_team: boolean }>(
    `select cc.case_id, c.helpline_id,
            exists (select 1 from case_team t where t.case_id = c.id and t.user_id = $2) as in_team
       from case_conversation cc join help_case c on c.id = cc.case_id where cc.conversation_id = $1`,
    [conversationId, actor.userId],
  )
  const row = rows[0]
  if (!row) return { caseId: null, case: null, emergencyOffered }
  if (!row.in_team && !readsEveryCase(actor, row.helpline_id))
    return { caseId: row.case_id, case: null, emergencyOffered }
  const [summary] = await loadCaseSummaries(tx, services.keyring, services.clock(), {
    caseIds: [row.case_id],
  })
  return { caseId: row.case_id, case: summary ?? null, emergencyOffered }
}

export async function listCaseTasks({ tx, services }: Context, actor: Actor): Promise<CaseTask[]> {
  const now = services.clock()
  const { rows } = await tx.query<{
    case_id: string
    helpline_id: string
    title_sealed: Buffer
    id: string
    contact_id: string
    key_sealed: Buffer | null
    body_sealed: Buffer
    due_at: Date
  }>(
    `select c.id as case_id, c.helpline_id, c.title_sealed, e.id, e.contact_id, k.key_sealed, e.body_sealed, e.due_at
       from case_entry e join help_case c on c.id = e.case_id join helpline h on h.id = c.helpline_id
       left join keystore.contact_key k on k.contact_id = e.contact_id
      where c.responsible_id = $1 and c.helpline_id = any($2::uuid[]) and c.status <> 'closed'
        and e.kind = 'follow_up' and not e.done
        and (e.due_at at time zone h.time_zone)::date <= ($3::timestamptz at time zone h.time_zone)::date
      order by e.due_at, e.id
      limit 200`,
    [actor.userId, helplineIdsOf(actor), now],
  )
  return rows.map((row) => ({
    caseId: row.case_id,
    caseTitle: services.keyring.scope(row.helpline_id).open(row.title_sealed, titleContext(row.case_id)),
    entryId: row.id,
    text: services.keyring
      .contact(row.helpline_id, row.contact_id, row.key_sealed)
      .open(row.body_sealed, entryContext(row.id)),
    dueAt: row.due_at.toISOString(),
    overdue: row.due_at <= now,
  }))
}
