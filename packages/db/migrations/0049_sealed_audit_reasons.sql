-- The reasons staff type (a legal hold, a reveal and its request, a link, an export, an erasure)
-- are sealed in the audit log too, under the helpline's key: the audit screen opens them for the
-- audit years (they outlive the person, as the log does), a dump of the database shows none.
-- Reasons written in clear before are sealed at start-up (audit/audit-reasons.ts): the table stays
-- append-only, but for that one change, asked for by its transaction (ascolto.audit_seal), and
-- only from a reason in clear to the same row with the reason sealed.
alter table audit_event add column reason_sealed bytea;

create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('ascolto.audit_retention', true) = 'on'
     and old.at < now() - interval '1 year' then
    return old;
  end if;
  if tg_op = 'UPDATE' and current_setting('ascolto.audit_seal', true) = 'on'
     and old.reason_sealed is null and new.reason_sealed is not null
     and old.details ? 'reason' and new.details = old.details - 'reason'
     and (new.id, new.helpline_id, new.actor_id, new.action, new.subject_type, new.subject_id, new.at)
         is not distinct from (old.id, old.helpline_id, old.actor_id, old.action, old.subject_type, old.subject_id, old.at)
  then
    return new;
  end if;
  raise exception 'audit_event is append-only';
end $$;
