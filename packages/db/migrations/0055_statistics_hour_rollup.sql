-- The closed conversations rolled up by the weekday and hour they opened, for the charts' heatmap
-- (issue 24: the charts screen under a second at a million contacts, like the others). Its own table
-- rather than two more columns of conversation_fact_day: the hour would multiply the rows every
-- other screen sums by up to 24. It keeps only what the charts filter on (door, language,
-- categories, flags) and the day it closed (the period), kept exact by triggers as 0050's are.
-- Beside it, the histogram of first replies of the conversations that were not abandoned (the
-- charts' first reply and its median): 0050's histogram also holds abandoned conversations that
-- had an automatic-looking first answer from no person, which the charts leave out.
create table conversation_hour_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  closed_on date not null,
  channel_id uuid,
  language text,
  categories text[] not null,
  flags text[] not null,
  weekday smallint not null check (weekday between 0 and 6),
  opened_hour smallint not null,
  conversations integer not null,
  constraint conversation_hour_day_group unique nulls not distinct (helpline_id, closed_on, channel_id, language,
                                                                    categories, flags, weekday, opened_hour)
);

create table conversation_reply_day (
  helpline_id uuid not null references helpline (id) on delete cascade,
  closed_on date not null,
  channel_id uuid,
  seconds integer not null,
  conversations integer not null,
  constraint conversation_reply_day_group unique nulls not distinct (helpline_id, closed_on, channel_id, seconds)
);

-- As 0050: the change's rows with a sign, upserted so concurrent closings both count, and the groups
-- that fell to nothing removed. Weekday 0 is Monday, as the charts count it.
create function roll_conversation_hours() returns trigger language plpgsql as $$
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
  execute format(
    'with changed as (%s)
     insert into conversation_reply_day
     select helpline_id, closed_on, channel_id, first_response_seconds, sum(sign)
       from changed where closed_on is not null and first_response_seconds is not null and not abandoned
      group by 1, 2, 3, 4
     having sum(sign) <> 0
     on conflict on constraint conversation_reply_day_group
     do update set conversations = conversation_reply_day.conversations + excluded.conversations', changed);
  if tg_op <> 'INSERT' then
    delete from conversation_hour_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
    delete from conversation_reply_day d using (select distinct helpline_id, closed_on from old_rows) o
     where d.conversations = 0 and (d.helpline_id, d.closed_on) = (o.helpline_id, o.closed_on);
  end if;
  return null;
end $$;

create trigger conversation_fact_hours_in after insert on conversation_fact
  referencing new table as new_rows for each statement execute function roll_conversation_hours();
create trigger conversation_fact_hours_over after update on conversation_fact
  referencing old table as old_rows new table as new_rows for each statement execute function roll_conversation_hours();
create trigger conversation_fact_hours_out after delete on conversation_fact
  referencing old table as old_rows for each statement execute function roll_conversation_hours();

-- the facts already there
insert into conversation_hour_day
select helpline_id, closed_on, channel_id, language, categories, flags,
       extract(isodow from opened_on)::int - 1, opened_hour, count(*)
  from conversation_fact where closed_on is not null and opened_hour is not null
 group by 1, 2, 3, 4, 5, 6, 7, 8;
insert into conversation_reply_day
select helpline_id, closed_on, channel_id, first_response_seconds, count(*)
  from conversation_fact where closed_on is not null and first_response_seconds is not null and not abandoned
 group by 1, 2, 3, 4;

-- The charts' filter choices (the languages and kinds of flag a helpline's facts have) are read
-- from conversation_fact_day, plus the few facts that never closed (retention writes them too),
-- found by this index rather than a scan of every fact.
create index conversation_fact_unclosed_idx on conversation_fact (helpline_id) where closed_on is null;
