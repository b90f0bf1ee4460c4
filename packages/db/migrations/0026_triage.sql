-- Automatic triage (packages/core/src/policy/triage): each inbound message's level and kinds.
-- The phrases that led there are the person's own words: they are not kept apart from the
-- sealed message, and are found again from it when needed.
alter table message add column risk_level text
  check (risk_level in ('none', 'medium', 'high', 'imminent'));
alter table message add column risk_kinds text[];

-- A volunteer's correction of a conversation's level: who, when, from what to what. Counted in
-- the conversation's anonymous facts; goes with its conversation.
create table risk_correction (
  id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  conversation_id uuid not null references conversation (id) on delete cascade,
  from_level text not null check (from_level in ('none', 'medium', 'high', 'imminent')),
  to_level text not null check (to_level in ('none', 'medium', 'high', 'imminent')),
  corrected_by uuid references app_user (id) on delete set null,
  corrected_at timestamptz not null default now()
);
create index risk_correction_conversation_idx on risk_correction (conversation_id, corrected_at);

-- the highest level triage gave the conversation's messages, and how often a person corrected it
alter table conversation_fact add column triage_level text
  check (triage_level in ('none', 'medium', 'high', 'imminent'));
alter table conversation_fact add column risk_corrections integer not null default 0;
