-- A legal hold has an end: until then the person is kept from retention; renewed before it comes,
-- or it stops protecting. Holds set before ends existed get a year from their start, and at least
-- thirty days from now, so none stops protecting by surprise on the day this runs.
alter table contact add column legal_hold_until timestamptz;
update contact set legal_hold_until = greatest(legal_hold_at + interval '1 year', now() + interval '30 days')
 where legal_hold_at is not null;
alter table contact add constraint contact_hold_has_end
  check ((legal_hold_at is null) = (legal_hold_until is null));
create index contact_legal_hold_idx on contact (helpline_id, legal_hold_until) where legal_hold_at is not null;

-- The audit log keeps its rows for the helpline's years (settings: retention.auditYears); the
-- retention job then deletes them and keeps only how many there were, by month and action.
create table audit_count (
  helpline_id uuid references helpline (id) on delete cascade,
  month date not null,
  action text not null,
  count integer not null check (count > 0),
  unique nulls not distinct (helpline_id, month, action)
);

-- Still append-only to everyone else: the retention job alone deletes (it says so for its own
-- transaction), and never a row younger than the shortest audit retention, a year.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('ascolto.audit_retention', true) = 'on'
     and old.at < now() - interval '1 year' then
    return old;
  end if;
  raise exception 'audit_event is append-only';
end $$;
