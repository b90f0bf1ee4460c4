-- A mediator on the line. The helpline keeps a list of cultural mediators and interpreters to
-- call in during a phone call, by language: a label that is not a name (the caller never hears
-- it, volunteers see it), the languages, and a phone number, which is staff data sealed with the
-- helpline's key like an operator's phone and shown to coordinators only.
create table call_mediator (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  label text not null check (length(label) between 1 and 80),
  languages text[] not null check (cardinality(languages) between 1 and 20),
  phone_sealed bytea not null,
  created_at timestamptz not null default now(),
  removed_at timestamptz
);
create index call_mediator_helpline_idx on call_mediator (helpline_id) where removed_at is null;

-- A call a mediator joins runs as a conference (named by the call's own id, never by a number):
-- the answering operator's leg is kept sealed to move it there, the conference's id once Twilio
-- reports it. Both name staff legs and a conference of the caller's: sealed, never in clear.
alter table phone_call
  add column operator_leg_sealed bytea,
  add column conference_requested_at timestamptz,
  add column conference_sid_sealed bytea,
  add column conference_ended_at timestamptz;

-- Each time a mediator is called into a call: who asked and when, and when the mediator joined
-- and left as the conference's own callbacks report it (each only fills what is empty, so retries
-- and reports out of order leave the same row). The mediator's leg is found by the participant's
-- label (this row's id), its call id kept sealed to remove it and hashed for nothing else.
create table call_participant (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references phone_call (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  mediator_id uuid references call_mediator (id) on delete set null,
  -- the label as it was, so the record reads the same once the list changes
  label text not null,
  requested_by uuid references app_user (id) on delete set null,
  requested_at timestamptz not null,
  leg_sealed bytea,
  removal_requested_at timestamptz,
  joined_at timestamptz,
  left_at timestamptz,
  -- how the mediator's leg ended without joining (no-answer, busy, failed, canceled)
  unreached text check (unreached in ('no-answer', 'busy', 'failed', 'canceled'))
);
create index call_participant_call_idx on call_participant (call_id);
