-- Cases ("percorsi di aiuto"): a situation followed over weeks, grouping the conversations of the
-- person followed and of relatives or services who write or call about them, with a plan, notes,
-- follow-ups and a supervisor's review. What is about a person is sealed under that person's key
-- (their member row, and the entries sealed under the key of the case's subject), so erasing a
-- person takes their part with them (cascade from contact); a case left with nobody goes too.
-- Its anonymous facts (case_fact) survive for statistics.

create table help_case (
  id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  kind text not null default 'standard' check (kind in ('standard', 'emergency')),
  -- the team's own words, sealed under the helpline's key (never a name by default)
  title_sealed bytea not null,
  status text not null default 'open' check (status in ('open', 'on_hold', 'closed')),
  -- how it ended (CASE_OUTCOMES in the protocol), never free text
  outcome text check (outcome in ('goal-reached', 'referred', 'lost-contact', 'declined', 'other')),
  responsible_id uuid references app_user (id) on delete set null,
  opened_by uuid references app_user (id) on delete set null,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  -- kept past retention until then (an investigation, a court's request); renewed by a supervisor
  legal_hold_until timestamptz,
  check ((status = 'closed') = (closed_at is not null))
);
create index help_case_helpline_idx on help_case (helpline_id, status);

-- who works on it besides supervisors and coordinators (the responsible operator is one of them)
create table case_team (
  case_id uuid not null references help_case (id) on delete cascade,
  user_id uuid not null references app_user (id) on delete cascade,
  primary key (case_id, user_id)
);
create index case_team_user_idx on case_team (user_id);

create table case_member (
  case_id uuid not null references help_case (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  -- the person followed (one per case), or someone about them
  is_subject boolean not null default false,
  -- "madre", "servizio sociale": about the person, sealed under their key
  relation_sealed bytea,
  added_at timestamptz not null default now(),
  primary key (case_id, contact_id)
);
create unique index case_member_one_subject_idx on case_member (case_id) where is_subject;
create index case_member_contact_idx on case_member (contact_id);

-- a conversation belongs to one case at most
create table case_conversation (
  conversation_id uuid primary key references conversation (id) on delete cascade,
  case_id uuid not null references help_case (id) on delete cascade,
  added_by uuid references app_user (id) on delete set null,
  added_at timestamptz not null default now()
);
create index case_conversation_case_idx on case_conversation (case_id);

-- The plan (goals and their steps), notes, follow-ups and supervisors' reviews. The text is
-- sealed under the key of the member it was written about (the subject when written).
create table case_entry (
  id uuid primary key,
  seq bigint generated always as identity unique,
  case_id uuid not null references help_case (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  kind text not null check (kind in ('note', 'goal', 'step', 'follow_up', 'review')),
  goal_id uuid references case_entry (id) on delete cascade,
  body_sealed bytea not null,
  done boolean not null default false,
  due_at timestamptz,
  author_id uuid references app_user (id) on delete set null,
  done_by uuid references app_user (id) on delete set null,
  done_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'step') = (goal_id is not null)),
  check ((kind = 'follow_up') = (due_at is not null)),
  check (done = (done_at is not null))
);
create index case_entry_case_idx on case_entry (case_id, seq);
create index case_entry_due_idx on case_entry (due_at) where kind = 'follow_up' and not done;

-- What statistics keep of a case once it is gone: no person, no text.
create table case_fact (
  case_id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  kind text not null,
  opened_on date not null,
  closed_on date,
  outcome text,
  duration_seconds integer,
  contacts integer not null,
  conversations integer not null,
  recorded_at timestamptz not null default now()
);
create index case_fact_helpline_idx on case_fact (helpline_id, opened_on);
