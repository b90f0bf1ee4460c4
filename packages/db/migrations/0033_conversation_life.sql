-- A conversation's whole life (issue 14).
-- The person may leave a conversation a volunteer is in: it stays open, in the volunteer's list,
-- until they fill in the closing form, so "ended by the person" no longer implies "closed".
do $$
declare
  name text;
begin
  select conname into name from pg_constraint
   where conrelid = 'conversation'::regclass and contype = 'c'
     and pg_get_constraintdef(oid) like '%ended_by_visitor_at%';
  if name is not null then
    execute format('alter table conversation drop constraint %I', name);
  end if;
end $$;
-- since when the widget has no socket open for the person (within the grace time before the
-- conversation counts as ended by them); null while they are there
alter table conversation add column visitor_away_since timestamptz;
create index conversation_visitor_away_idx on conversation (visitor_away_since) where visitor_away_since is not null;
-- the closed conversations staff look back at, newest first
create index conversation_closed_idx on conversation (helpline_id, closed_at desc) where status = 'closed';
-- ended by the person before anyone of the line answered: counted as abandoned, its wait kept
-- (duration_seconds is then the wait)
alter table conversation_fact add column abandoned boolean not null default false;
-- a short code the person may write down to continue from another device: only its keyed hash
-- (HMAC under the keyring's address key), single use, until it expires
alter table contact_identity add column resume_code_hash bytea;
alter table contact_identity add column resume_code_until timestamptz;
create unique index contact_identity_resume_code_idx on contact_identity (channel_id, resume_code_hash)
  where resume_code_hash is not null;
