// Cases as the console reads them: the title opened under the helpline's key, each member's
// relation and each entry under the key of the person it is about.
import { channelAdapters } from '@ascolto/channels'
import type { CaseSummary, CaseView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { loadCaseCallbacks } from './case-callback-views.ts'
import { loadEmergencyView } from './emergency-procedure.ts'
import { entryContext, relationContext, titleContext } from './find-case.ts'

type Db = Pick<Tx, 'query'>

type SummaryRow = {
  id: string
  helpline_id: string
  kind: CaseSummary['kind']
  title_sealed: Buffer
  status: CaseSummary['status']
  outcome: CaseSummary['outcome']
  responsible_id: string | null
  responsible_name: string | null
  opened_at: Date
  closed_at: Date | null
  legal_hold_until: Date | null
  next_follow_up: Date | null
}

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null)

/**
 * The cases of `filter` (ids, or the cases an operator reads in some helplines), each with its
 * next follow-up. The caller has checked the wall.
 */
export async function loadCaseSummaries(
  db: Db,
  keyring: Keyring,
  now: Date,
  filter:
    | { caseIds: readonly string[] }
    | { helplineIds: readonly string[]; readerId: string; supervised: readonly string[] },
): Promise<(CaseSummary & { legalHoldUntil: string | null })[]> {
  const byIds = 'caseIds' in filter
  const { rows } = await db.query<SummaryRow>(
    `select c.id, c.helpline_id, c.kind, c.title_sealed, c.status, c.outcome, c.responsible_id,
            u.display_name as responsible_name, c.opened_at, c.closed_at, c.legal_hold_until,
            (select min(e.due_at) from case_entry e where e.case_id = c.id and e.kind = 'follow_up' and not e.done)
              as next_follow_up
       from help_case c left join app_user u on u.id = c.responsible_id
      where ${
        byIds
          ? 'c.id = any($1::uuid[])'
          : `c.helpline_id = any($1::uuid[])
             and (c.helpline_id = any($3::uuid[])
                  or exists (select 1 from case_team t where t.case_id = c.id and t.user_id = $2))`
      }
      order by c.status = 'closed', c.opened_at desc
      limit 500`,
    byIds ? [filter.caseIds] : [filter.helplineIds, filter.readerId, filter.supervised],
  )
  return rows.map((row) => ({
    id: row.id,
    helplineId: row.helpline_id,
    kind: row.kind,
    title: keyring.scope(row.helpline_id).open(row.title_sealed, titleContext(row.id)),
    status: row.status,
    outcome: row.outcome,
    responsible: person(row.responsible_id, row.responsible_name),
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    nextFollowUp: row.next_follow_up?.toISOString() ?? null,
    overdue: row.status !== 'closed' && row.next_follow_up !== null && row.next_follow_up <= now,
    legalHoldUntil: row.legal_hold_until?.toISOString() ?? null,
  }))
}

type EntryRow = {
  id: string
  contact_id: string
  key_sealed: Buffer | null
  kind: CaseView['entries'][number]['kind']
  goal_id: string | null
  body_sealed: Buffer
  done: boolean
  due_at: Date | null
  author_id: string | null
  author_name: string | null
  done_by: string | null
  done_by_name: string | null
  done_at: Date | null
  created_at: Date
}

/** One case whole: the caller has found it through findCaseForActor. */
export async function loadCaseView(db: Db, keyring: Keyring, caseId: string, now: Date): Promise<CaseView> {
  const [summary] = await loadCaseSummaries(db, keyring, now, { caseIds: [caseId] })
  if (!summary) throw new Error('Case vanished while reading it')
  const sealerOf = (contactId: string, keySealed: Buffer | null) =>
    keyring.contact(summary.helplineId, contactId, keySealed)

  const team = await db.query<{ id: string; display_name: string }>(
    `select u.id, u.display_name from case_team t join app_user u on u.id = t.user_id
      where t.case_id = $1 order by u.display_name, u.id`,
    [caseId],
  )
  const members = await db.query<{
    contact_id: string
    pseudonym: number
    is_subject: boolean
    relation_sealed: Buffer | null
    key_sealed: Buffer | null
    doors: { channel_id: string; kind: string; consent_at: string | null }[]
  }>(
    `select m.contact_id, ct.pseudonym, m.is_subject, m.relation_sealed, k.key_sealed,
            coalesce((select json_agg(json_build_object('channel_id', ch.id, 'kind', ch.kind, 'consent_at', cs.given_at)
                                      order by ch.kind, ch.id)
                        from contact_identity ci join channel ch on ch.id = ci.channel_id
                        left join case_consent cs on cs.case_id = m.case_id and cs.contact_id = m.contact_id
                                                 and cs.channel_id = ch.id
                       where ci.contact_id = m.contact_id), '[]') as doors
       from case_member m join contact ct on ct.id = m.contact_id
       left join keystore.contact_key k on k.contact_id = m.contact_id
      where m.case_id = $1 order by m.is_subject desc, m.added_at, m.contact_id`,
    [caseId],
  )
  const conversations = await db.query<{
    id: string
    contact_id: string
    pseudonym: number
    kind: string
    status: string
    opened_at: Date
  }>(
    `select v.id, v.contact_id, ct.pseudonym, ch.kind, v.status, v.opened_at
       from case_conversation cc join conversation v on v.id = cc.conversation_id
       join contact ct on ct.id = v.contact_id join channel ch on ch.id = v.channel_id
      where cc.case_id = $1 order by v.opened_at desc, v.id`,
    [caseId],
  )
  const entries = await db.query<EntryRow>(
    `select e.id, e.contact_id, k.key_sealed, e.kind, e.goal_id, e.body_sealed, e.done, e.due_at,
            e.author_id, a.display_name as author_name, e.done_by, d.display_name as done_by_name,
            e.done_at, e.created_at
       from case_entry e left join keystore.contact_key k on k.contact_id = e.contact_id
       left join app_user a on a.id = e.author_id left join app_user d on d.id = e.done_by
      where e.case_id = $1 order by e.seq desc`,
    [caseId],
  )
  return {
    ...summary,
    emergency:
      summary.kind === 'emergency'
        ? await loadEmergencyView(db, keyring, { id: caseId, helpline_id: summary.helplineId })
        : null,
    team: team.rows.map((row) => ({ id: row.id, displayName: row.display_name })),
    members: members.rows.map((row) => ({
      contactId: row.contact_id,
      pseudonym: row.pseudonym,
      isSubject: row.is_subject,
      relation: row.relation_sealed
        ? sealerOf(row.contact_id, row.key_sealed).open(
            row.relation_sealed,
            relationContext(caseId, row.contact_id),
          )
        : null,
      doors: row.doors.map((door) => ({
        channelId: door.channel_id,
        channelKind: door.kind,
        consentAt: door.consent_at && new Date(door.consent_at).toISOString(),
        callable: channelAdapters[door.kind]?.capabilities.calls === true,
      })),
    })),
    conversations: conversations.rows.map((row) => ({
      conversationId: row.id,
      contactId: row.contact_id,
      pseudonym: row.pseudonym,
      channelKind: row.kind,
      status: row.status,
      openedAt: row.opened_at.toISOString(),
    })),
    entries: entries.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      text: sealerOf(row.contact_id, row.key_sealed).open(row.body_sealed, entryContext(row.id)),
      goalId: row.goal_id,
      done: row.done,
      dueAt: row.due_at?.toISOString() ?? null,
      overdue: row.kind === 'follow_up' && !row.done && row.due_at !== null && row.due_at <= now,
      author: person(row.author_id, row.author_name),
      doneBy: person(row.done_by, row.done_by_name),
      doneAt: row.done_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    })),
    callbacks: await loadCaseCallbacks(db, caseId),
  }
}
