import type { Tx } from '../context.ts'
import { riskRank } from '../triage/conversation-risk.ts'

/**
 * Writes the anonymous facts of conversations (no text, no address, no contact): at close, with
 * the category and outcome chosen in the closing form, and again at retention, which counts from
 * what is finally there and keeps the form's answers. Dates are in the helpline's own time zone; the
 * first response is the first reply a person wrote after the first inbound message (automatic
 * replies are not a response); notes count as neither. The highest level triage gave its messages and
 * how often a person corrected the conversation's level are counted too, and whether a mediator took part. The survey's answers, written later
 * (record-survey-answers.ts), are left as they are. A conversation the person ended before any
 * person of the line answered is `abandoned` (its duration is then the wait). A conversation
 * reopened and closed again takes the new form's answers; retention (no form) keeps the last ones.
 * Also kept: the language, the kinds of flag raised, the local hour it opened, whether the first
 * reply of a person came by the due time, whether the person had been in touch before (a yes or no:
 * no contact id is kept), who got in touch for a contact logged by hand, the operator who had
 * it at close (for the per-operator figures a coordinator may turn on), and the time in queue (from
 * `queued_at` to `taken_at`, 0058; none for a conversation no person of the line took).
 */
export async function recordConversationFacts(
  tx: Pick<Tx, 'query'>,
  conversationIds: readonly string[],
  form?: { categories: readonly string[]; outcome: Record<string, string> },
) {
  await tx.query(
    `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                    inbound_count, outbound_count, first_response_seconds, duration_seconds,
                                    categories, outcome, triage_level, risk_corrections, abandoned, with_mediator,
                                    language, flags, opened_hour, due_kept, repeat_contact, caller, handled_by,
                                    queue_seconds)
     select c.id, c.helpline_id, c.channel_id, ch.kind,
            (c.opened_at at time zone h.time_zone)::date,
            (c.closed_at at time zone h.time_zone)::date,
            s.inbound_count, s.outbound_count,
            round(extract(epoch from (
              select min(r.created_at) from message r
               where r.conversation_id = c.id and r.direction = 'outbound' and r.kind <> 'auto_reply'
                 and r.created_at >= s.first_inbound_at) - s.first_inbound_at)),
            round(extract(epoch from coalesce(c.closed_at, c.last_message_at) - c.opened_at)),
            $2::text[], $3::jsonb, s.triage_level,
            (select count(*)::int from risk_correction rc where rc.conversation_id = c.id),
            c.ended_by_visitor_at is not null and not exists (
              select 1 from message r where r.conversation_id = c.id and r.direction = 'outbound'
                 and r.kind <> 'auto_reply' and r.author_id is not null),
            exists (select 1 from mediation md where md.conversation_id = c.id and md.joined_at is not null),
            c.language,
            array(select distinct f.kind from safeguarding_flag f where f.conversation_id = c.id order by f.kind),
            extract(hour from c.opened_at at time zone h.time_zone),
            case when c.due_at is not null then coalesce(s.first_reply_at <= c.due_at, false) end,
            exists (select 1 from conversation p
                     where p.contact_id = c.contact_id and p.helpline_id = c.helpline_id
                       and (p.opened_at, p.id) < (c.opened_at, c.id)),
            (select l.caller from logged_contact l where l.conversation_id = c.id),
            c.assignee_id,
            -- taken before the line opened on someone who wrote while it was closed: no wait
            case when c.taken_at >= c.queued_at then round(extract(epoch from c.taken_at - c.queued_at))
                 when c.taken_at < c.queued_at then 0 end
       from conversation c
       join channel ch on ch.id = c.channel_id
       join helpline h on h.id = c.helpline_id
       cross join lateral (
         select count(*) filter (where m.direction = 'inbound') as inbound_count,
                count(*) filter (where m.direction = 'outbound') as outbound_count,
                min(m.created_at) filter (where m.direction = 'inbound') as first_inbound_at,
                (array['none', 'medium', 'high', 'imminent'])[max(${riskRank('m.risk_level')})] as triage_level,
                min(m.created_at) filter (where m.direction = 'outbound' and m.kind <> 'auto_reply'
                                            and m.author_id is not null) as first_reply_at
           from message m where m.conversation_id = c.id) s
      where c.id = any($1::uuid[])
     on conflict (conversation_id) do update
        set channel_id = excluded.channel_id, opened_on = excluded.opened_on, closed_on = excluded.closed_on,
            inbound_count = excluded.inbound_count, outbound_count = excluded.outbound_count,
            first_response_seconds = excluded.first_response_seconds,
            duration_seconds = excluded.duration_seconds, triage_level = excluded.triage_level,
            risk_corrections = excluded.risk_corrections, abandoned = excluded.abandoned,
            with_mediator = excluded.with_mediator,
            language = excluded.language, flags = excluded.flags, opened_hour = excluded.opened_hour,
            due_kept = excluded.due_kept, caller = excluded.caller,
            handled_by = coalesce(excluded.handled_by, conversation_fact.handled_by),
            -- reopened, it may wait again: its first time in queue is the one counted
            queue_seconds = coalesce(conversation_fact.queue_seconds, excluded.queue_seconds),
            -- retention may already have erased the earlier conversations: once a repeat, always one
            repeat_contact = conversation_fact.repeat_contact or excluded.repeat_contact,
            categories = case when $4 then excluded.categories else conversation_fact.categories end,
            outcome = case when $4 then excluded.outcome else conversation_fact.outcome end,
            recorded_at = now()`,
    [conversationIds, form?.categories ?? [], form?.outcome ?? {}, form !== undefined],
  )
}
