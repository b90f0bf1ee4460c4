-- The time in queue (issue 24): from when the person was waiting for the line (when they wrote, or,
-- written while the line was closed, when it opened) until a person of the line took the
-- conversation or it was given to one. The conversation keeps both moments; its anonymous fact keeps
-- the seconds between them, which outlive retention and erasure as the other times do.
alter table conversation
  add column queued_at timestamptz,
  add column taken_at timestamptz;
alter table conversation_fact add column queue_seconds integer check (queue_seconds >= 0);

-- Every way a conversation leaves the queue (taken, assigned automatically, transferred, a call put
-- through, reopened straight to whoever had it) sets its status to open: the moment is stamped here,
-- once per time in queue; reopened into the queue, it waits again.
create function stamp_conversation_taken() returns trigger language plpgsql as $$
begin
  if new.status = 'open' and old.status <> 'open' then
    new.taken_at := now();
  elsif new.status = 'waiting' and old.status <> 'waiting' then
    new.taken_at := null;
  end if;
  return new;
end $$;
create trigger conversation_taken before update of status on conversation
  for each row execute function stamp_conversation_taken();

-- The main screen's medians and averages per door: the time in queue joins 0050's histogram.
alter table conversation_seconds_day drop constraint conversation_seconds_day_measure_check;
alter table conversation_seconds_day add constraint conversation_seconds_day_measure_check
  check (measure in ('first_response', 'duration', 'abandoned_wait', 'queue'));

create or replace function roll_conversation_facts() returns trigger language plpgsql as $$
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
                                 (''abandoned_wait'', case when f.abandoned then f.duration_seconds end),
                                 (''queue'', f.queue_seconds)) m(measure, seconds)
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

-- The charts' waits (first reply, the wait of those who left, time in queue) by the charts' full
-- filter key, so a language, category or flag filter sums a histogram as a door filter did, rather
-- than scanning the period's facts and sorting them for the median. It replaces 0055's first
-- replies by door, which it holds (the sum over languages, categories and flags).
create table conversation_wait_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  closed_on date not null,
  channel_id uuid,
  language text,
  categories text[] not null,
  flags text[] not null,
  measure text not null check (measure in ('first_reply', 'left_waiting', 'queue')),
  seconds integer not null,
  conversations integer not null,
  constraint conversation_wait_day_group unique nulls not distinct (helpline_id, closed_on, channel_id, language,
                                                                    categories, flags, measure, seconds)
);

-- As 0050: the change's rows with a sign, upserted so concurrent closings both count, and the groups
-- that fell to nothing removed. The first reply of the conversations not abandoned, as the chart.
create function roll_conversation_waits() returns trigger language plpgsql as $$
declare
  changed text := case tg_op
    when 'INSERT' then 'select f.*, 1 as sign from new_rows f'
    when 'DELETE' then 'select f.*, -1 as sign from old_rows f'
    else 'select f.*, 1 as sign from new_rows f union all select f.*, -1 as sign from old_rows f' end;
begin
  execute format(
    'with changed as (%s)
     insert into conversation_wait_day
     select f.helpline_id, f.closed_on, f.channel_id, f.language, f.categories, f.flags, m.measure, m.seconds, sum(f.sign)
       from changed f
      cross join lateral (values (''first_reply'', case when not f.abandoned then f.first_response_seconds end),
                                 (''left_waiting'', case when f.abandoned then f.duration_seconds end),
                                 (''queue'', f.queue_seconds)) m(measure, seconds)
      where f.closed_on is not null and m.seconds is not null
      group by 1, 2, 3, 4, 5, 6, 7, 8
     having sum(f.sign) <> 0
     on conflict on constraint conversation_wait_day_group
     do update set conversations = conversation_wait_day.conversations + excluded.conversations', changed);
  if tg_op <> 'INSERT' then
    delete from conversation_wait_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
  end if;
  return null;
end $$;

create trigger conversation_fact_waits_in after insert on conversation_fact
  referencing new table as new_rows for each statement execute function roll_conversation_waits();
create trigger conversation_fact_waits_over after update on conversation_fact
  referencing old table as old_rows new table as new_rows for each statement execute function roll_conversation_waits();
create trigger conversation_fact_waits_out after delete on conversation_fact
  referencing old table as old_rows for each statement execute function roll_conversation_waits();

insert into conversation_wait_day
select f.helpline_id, f.closed_on, f.channel_id, f.language, f.categories, f.flags, m.measure, m.seconds, count(*)
  from conversation_fact f
 cross join lateral (values ('first_reply', case when not f.abandoned then f.first_response_seconds end),
                            ('left_waiting', case when f.abandoned then f.duration_seconds end)) m(measure, seconds)
 where f.closed_on is not null and m.seconds is not null
 group by 1, 2, 3, 4, 5, 6, 7, 8;

-- 0055's first replies by door, now in the table above: its part of the hours' trigger goes with it
create or replace function roll_conversation_hours() returns trigger language plpgsql as $$
declare
  changed text := case tg_op
    when 'INSERT' then 'select f.*, 1 as sign from new_rows f'
    when 'DELETE' then 'select f.*, -1 as sign from old_rows f'
    else 'select f.*, 1 as sign from new_rows f union all select f.*, -1 as sign from old_rows f' end;
begin
  execute format(
    'with changed as (%s)
     insert into conversation_hour_day
     select helpline_id, closed_on, channel_id, language, categories, flags,
            extract(isodow from opened_on)::int - 1, opened_hour, sum(sign)
       from changed where closed_on is not null and opened_hour is not null
      group by 1, 2, 3, 4, 5, 6, 7, 8
     having sum(sign) <> 0
     on conflict on constraint conversation_hour_day_group
     do update set conversations = conversation_hour_day.conversations + excluded.conversations', changed);
  if tg_op <> 'INSERT' then
    delete from conversation_hour_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
  end if;
  return null;
end $$;
drop table conversation_reply_day;

-- The charts' filter choices (the languages and sets of flags a helpline's rollup has at all) step
-- through these, one lookup per value, rather than reading every day of every year of the helpline.
create index conversation_fact_day_language_idx on conversation_fact_day (helpline_id, language);
create index conversation_fact_day_flags_idx on conversation_fact_day (helpline_id, flags);
