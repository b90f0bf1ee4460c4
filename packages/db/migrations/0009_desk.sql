-- The volunteer's desk and the supervisor's room: the helpline's canned replies, the category and
-- outcome a conversation was closed with (on its anonymous facts, so statistics outlive retention),
-- a call for the supervisor, safeguarding flags with their playbook, and each operator's availability.

create table canned_reply (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  -- typed after a slash in the reply box: /benvenuto
  shortcut text not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  title text not null check (length(title) between 1 and 100),
  -- the helpline's own words, not a person's: kept in clear like the other settings
  body text not null check (length(body) between 1 and 4096),
  updated_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (helpline_id, shortcut)
);

-- ids from the helpline's settings (categories, closing form), never free text
alter table conversation_fact add column categories text[] not null default '{}';
alter table conversation_fact add column outcome jsonb not null default '{}';

-- "ask the supervisor to join": until a supervisor joins or the conversation closes
alter table conversation add column help_requested_at timestamptz;
alter table conversation add column help_requested_by uuid references app_user (id) on delete set null;

-- how far the handler has read (a message's seq): the person's messages after it are unread
alter table conversation add column read_seq bigint not null default 0;

-- A flag goes with its conversation (and so with retention); the reason is about a person: sealed.
create table safeguarding_flag (
  id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  conversation_id uuid not null references conversation (id) on delete cascade,
  kind text not null check (kind in ('minor_at_risk', 'imminent_risk')),
  reason_sealed bytea not null,
  raised_by uuid references app_user (id) on delete set null,
  raised_at timestamptz not null default now(),
  acknowledged_by uuid references app_user (id) on delete set null,
  acknowledged_at timestamptz
);
create index safeguarding_flag_conversation_idx on safeguarding_flag (conversation_id);
create index safeguarding_flag_open_idx on safeguarding_flag (helpline_id) where acknowledged_at is null;

-- one tick per step of the helpline's escalation playbook: who, when, and whom they contacted
create table safeguarding_step (
  flag_id uuid not null references safeguarding_flag (id) on delete cascade,
  step_id text not null check (step_id ~ '^[a-z0-9-]{1,40}$'),
  done_by uuid references app_user (id) on delete set null,
  done_at timestamptz not null default now(),
  contacted_sealed bytea,
  primary key (flag_id, step_id)
);

alter table app_user add column availability text not null default 'available'
  check (availability in ('available', 'away', 'offline'));
