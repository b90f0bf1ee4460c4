-- The helpline's own rules (hours, replies, blocking, retention) and what applying them leaves:
-- due times, the replies already sent in an opening, the policy a person was sent, blocks,
-- hidden messages, legal holds, the audit trail, and the anonymous facts that outlive retention.

-- the settings file, validated by its JSON Schema before it is stored (name and time zone live in columns)
alter table helpline add column settings jsonb not null default '{}';

alter table conversation add column due_at timestamptz;
-- the automatic replies sent since this conversation opened: each at most once per opening
alter table conversation add column auto_replies_sent text[] not null default '{}';
create index conversation_due_idx on conversation (helpline_id, status, due_at);

-- the welcome carries the policy: which version was sent, and when, is the acceptance it describes
alter table contact add column policy_version text;
alter table contact add column policy_sent_at timestamptz;
alter table contact add column blocked_at timestamptz;
alter table contact add column blocked_until timestamptz;
alter table contact add column blocked_reason text;
alter table contact add column blocked_by uuid references app_user (id) on delete set null;
alter table contact add column legal_hold_at timestamptz;
alter table contact add check ((blocked_at is null) = (blocked_reason is null));
create index contact_last_inbound_idx on contact (helpline_id, last_inbound_at);

alter table message add column hidden_at timestamptz;
alter table message add column hidden_reason text;
alter table message add column hidden_by uuid references app_user (id) on delete set null;
alter table message add column flagged boolean not null default false;
alter table message add check ((hidden_at is null) = (hidden_reason is null));

-- Append-only for the application: a direct update or delete is refused by the trigger; only the
-- cascades of deleting a helpline or a user (trigger depth > 0) reach it.
create table audit_event (
  id bigint generated always as identity primary key,
  helpline_id uuid references helpline (id) on delete cascade,
  actor_id uuid references app_user (id) on delete set null,
  action text not null,
  subject_type text not null,
  subject_id uuid,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index audit_event_helpline_idx on audit_event (helpline_id, at);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row when (pg_trigger_depth() = 0)
  execute function audit_event_append_only();

-- Anonymous facts about a conversation: no text, no address, no contact id. They survive retention.
create table conversation_fact (
  conversation_id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  channel_kind text not null,
  opened_on date not null,
  closed_on date,
  inbound_count integer not null,
  outbound_count integer not null,
  first_response_seconds integer,
  duration_seconds integer,
  recorded_at timestamptz not null default now()
);
create index conversation_fact_helpline_idx on conversation_fact (helpline_id, opened_on);
