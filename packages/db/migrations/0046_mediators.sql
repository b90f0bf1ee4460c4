-- Cultural mediators in written conversations (issue 20). A mediator is a member of a helpline
-- with the role 'mediator' (invited like staff, under the volunteers' second-factor rule), who
-- sees nothing of the helpline but the conversations they are in now (mediation).
alter table membership drop constraint membership_role_check;
alter table membership add constraint membership_role_check
  check (role in ('volunteer', 'supervisor', 'coordinator', 'mediator'));
alter table invitation drop constraint invitation_role_check;
alter table invitation add constraint invitation_role_check
  check (role in ('volunteer', 'supervisor', 'coordinator', 'mediator'));

-- How the mediator signs what they write to a person: a title, never a name (their choice).
alter table app_user add column mediator_title text not null default 'mediatore'
  check (mediator_title in ('mediatrice', 'mediatore'));

-- The one list of mediators, for calls and written conversations: an entry may name the console
-- account of the same mediator, who is then alerted when a conversation asks for their language.
alter table call_mediator add column user_id uuid references app_user (id) on delete set null;
create unique index call_mediator_user_idx on call_mediator (helpline_id, user_id)
  where user_id is not null and removed_at is null;

-- A mediator asked for in one conversation, in one language: open until a mediator of that
-- language joins; the access lasts from `joined_at` until `ended_at` (the conversation closed,
-- the operator removed the mediator or withdrew the request). One at a time per conversation.
create table mediation (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  conversation_id uuid not null references conversation (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  requested_by uuid references app_user (id) on delete set null,
  requested_at timestamptz not null default now(),
  mediator_id uuid references app_user (id) on delete set null,
  joined_at timestamptz,
  ended_at timestamptz,
  ended_by uuid references app_user (id) on delete set null,
  end_reason text check (end_reason in ('closed', 'removed', 'withdrawn')),
  check ((ended_at is null) = (end_reason is null))
);
create unique index mediation_open_idx on mediation (conversation_id) where ended_at is null;
create index mediation_mediator_idx on mediation (mediator_id) where ended_at is null;
create index mediation_helpline_idx on mediation (helpline_id, language) where ended_at is null;

-- What a mediator wrote to the person goes signed with their title, so the person reads
-- "Mediatrice" and the console who wrote it.
alter table message add column signed_as text check (signed_as in ('mediatrice', 'mediatore'));

-- The anonymous fact: a mediator took part in the conversation.
alter table conversation_fact add column with_mediator boolean not null default false;
