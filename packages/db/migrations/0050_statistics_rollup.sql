-- The closed conversations' facts rolled up by day, so that a statistics screen reads a year as a
-- few hundred thousand rows at most, not a million facts (issue 24: every screen under a second).
-- Both tables are kept by triggers on conversation_fact, in the same transaction as the facts, so
-- they are exact whoever writes, updates (a late survey answer, a deleted door) or deletes a fact.
--
-- conversation_fact_day: how many conversations closed on a day with the same door, language, who
-- got in touch, risk level, mediator, categories, closing-form answers, flags, survey answers,
-- abandonment and due time: every count and cross-table is a sum over these rows.
create table conversation_fact_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  closed_on date not null,
  channel_id uuid,
  channel_kind text not null,
  language text,
  caller text,
  triage_level text,
  with_mediator boolean not null,
  categories text[] not null,
  outcome jsonb not null,
  flags text[] not null,
  survey_answers jsonb,
  abandoned boolean not null,
  due_kept boolean,
  conversations integer not null,
  constraint conversation_fact_day_group unique nulls not distinct (helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level,
                             with_mediator, categories, outcome, flags, survey_answers, abandoned, due_kept)
);

-- conversation_seconds_day: how many conversations of a door closed on a day with a time of exactly
-- so many seconds (the first reply, the duration, the wait of those who left before an answer): a
-- median is then found in the period's histogram, as exactly as percentile_cont over the facts.
create table conversation_seconds_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  closed_on date not null,
  channel_id uuid,
  channel_kind text not null,
  measure text not null check (measure in ('first_response', 'duration', 'abandoned_wait')),
  seconds integer not null,
  conversations integer not null,
  constraint conversation_seconds_day_group unique nulls not distinct (helpline_id, closed_on, channel_id, channel_kind, measure, seconds)
);

-- Adds the rows of a change (1 for a new row, -1 for an old one) to both tables, as an upsert so that
-- two transactions closing alike conversations at once both count; a group that falls to nothing
-- (an update or a delete) is then removed, so the rollup holds exactly the groups the facts have.
-- (A decrement comes to the upsert as a row of a negative count, which a check on the counts would
-- refuse before the upsert finds the row it adds to: so the counts have no check.)
create function roll_conversation_facts() returns trigger language plpgsql as $$
declare
  changed text := case tg_op
    when 'INSERT' then 'select f.*, 1 as sign from new_rows f'
    when 'DELETE' then 'select f.*, -1 as sign from old_rows f'
    else 'select f.*, 1 as sign from new_rows f union all select f.*, -1 as sign from old_rows f' end;
begin
  execute format(
    'with changed as (%s)
     insert into conversation_fact_day
     select helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level, with_mediator,
            categories, outcome, flags, survey_answers, abandoned, due_kept, sum(sign)
       from changed where closed_on is not null
      group by helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level,
               with_mediator, categories, outcome, flags, survey_answers, abandoned, due_kept
     having sum(sign) <> 0
     on conflict on constraint conversation_fact_day_group
     do update set conversations = conversation_fact_day.conversations + excluded.conversations', changed);
  execute format(
    'with changed as (%s)
     insert into conversation_seconds_day
     select f.helpline_id, f.closed_on, f.channel_id, f.channel_kind, m.measure, m.seconds, sum(f.sign)
       from changed f
      cross join lateral (values (''first_response'', f.first_response_seconds), (''duration'', f.duration_seconds),
                                 (''abandoned_wait'', case when f.abandoned then f.duration_seconds end)) m(measure, seconds)
      where f.closed_on is not null and m.seconds is not null
      group by 1, 2, 3, 4, 5, 6
     having sum(f.sign) <> 0
     on conflict on constraint conversation_seconds_day_group
     do update set conversations = conversation_seconds_day.conversations + excluded.conversations', changed);
  if tg_op <> 'INSERT' then
    delete from conversation_fact_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
    delete from conversation_seconds_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
  end if;
  return null;
end $$;

create trigger conversation_fact_rolled_in after insert on conversation_fact
  referencing new table as new_rows for each statement execute function roll_conversation_facts();
create trigger conversation_fact_rolled_over after update on conversation_fact
  referencing old table as old_rows new table as new_rows for each statement execute function roll_conversation_facts();
create trigger conversation_fact_rolled_out after delete on conversation_fact
  referencing old table as old_rows for each statement execute function roll_conversation_facts();

-- the facts already there
insert into conversation_fact_day
select helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level, with_mediator, categories,
       outcome, flags, survey_answers, abandoned, due_kept, count(*)
  from conversation_fact where closed_on is not null
 group by helpline_id, closed_on, channel_id, channel_kind, language, caller, triage_level, with_mediator,
          categories, outcome, flags, survey_answers, abandoned, due_kept;
insert into conversation_seconds_day
select f.helpline_id, f.closed_on, f.channel_id, f.channel_kind, m.measure, m.seconds, count(*)
  from conversation_fact f
 cross join lateral (values ('first_response', f.first_response_seconds), ('duration', f.duration_seconds),
                            ('abandoned_wait', case when f.abandoned then f.duration_seconds end)) m(measure, seconds)
 where f.closed_on is not null and m.seconds is not null
 group by 1, 2, 3, 4, 5, 6;

-- the survey's answers are read from the few rows that have them
create index conversation_fact_day_survey_idx on conversation_fact_day (helpline_id, closed_on)
  where survey_answers is not null;

-- The calls' facts, likewise: how many calls of a door started on a day ended each way, and the
-- histogram of their seconds (ringing, talking, until the call-back's first try).
create table call_fact_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  day date not null,
  channel_id uuid,
  outcome text not null,
  calls integer not null,
  constraint call_fact_day_group unique nulls not distinct (helpline_id, day, channel_id, outcome)
);
create table call_seconds_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  day date not null,
  channel_id uuid,
  measure text not null check (measure in ('ring', 'talk', 'callback')),
  seconds integer not null,
  calls integer not null,
  constraint call_seconds_day_group unique nulls not distinct (helpline_id, day, channel_id, measure, seconds)
);

create function roll_call_facts() returns trigger language plpgsql as $$
declare
  changed text := case tg_op
    when 'INSERT' then 'select f.*, 1 as sign from new_rows f'
    when 'DELETE' then 'select f.*, -1 as sign from old_rows f'
    else 'select f.*, 1 as sign from new_rows f union all select f.*, -1 as sign from old_rows f' end;
begin
  execute format(
    'with changed as (%s)
     insert into call_fact_day
     select helpline_id, day, channel_id, outcome, sum(sign) from changed
      group by 1, 2, 3, 4 having sum(sign) <> 0
     on conflict on constraint call_fact_day_group do update set calls = call_fact_day.calls + excluded.calls',
    changed);
  execute format(
    'with changed as (%s)
     insert into call_seconds_day
     select f.helpline_id, f.day, f.channel_id, m.measure, m.seconds, sum(f.sign)
       from changed f
      cross join lateral (values (''ring'', f.ring_seconds), (''talk'', f.talk_seconds),
                                 (''callback'', f.callback_seconds)) m(measure, seconds)
      where m.seconds is not null
      group by 1, 2, 3, 4, 5 having sum(f.sign) <> 0
     on conflict on constraint call_seconds_day_group do update set calls = call_seconds_day.calls + excluded.calls',
    changed);
  if tg_op <> 'INSERT' then
    delete from call_fact_day d using (select distinct helpline_id, day from old_rows) o
     where d.calls = 0 and (d.helpline_id, d.day) = (o.helpline_id, o.day);
    delete from call_seconds_day d using (select distinct helpline_id, day from old_rows) o
     where d.calls = 0 and (d.helpline_id, d.day) = (o.helpline_id, o.day);
  end if;
  return null;
end $$;

create trigger call_fact_rolled_in after insert on call_fact
  referencing new table as new_rows for each statement execute function roll_call_facts();
create trigger call_fact_rolled_over after update on call_fact
  referencing old table as old_rows new table as new_rows for each statement execute function roll_call_facts();
create trigger call_fact_rolled_out after delete on call_fact
  referencing old table as old_rows for each statement execute function roll_call_facts();

insert into call_fact_day
select helpline_id, day, channel_id, outcome, count(*) from call_fact group by 1, 2, 3, 4;
insert into call_seconds_day
select f.helpline_id, f.day, f.channel_id, m.measure, m.seconds, count(*)
  from call_fact f
 cross join lateral (values ('ring', f.ring_seconds), ('talk', f.talk_seconds), ('callback', f.callback_seconds))
         m(measure, seconds)
 where m.seconds is not null
 group by 1, 2, 3, 4, 5;
