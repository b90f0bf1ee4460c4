-- The rota (issue 21): a helpline's shifts, who is on each occurrence, swaps between operators,
-- and each operator's private calendar feed.

-- A shift: wall-clock times in the helpline's zone on `starts_on`, repeating by an RFC 5545
-- rule (e.g. 'FREQ=WEEKLY;BYDAY=TU,SA') or once when `recurrence` is null. An end before the
-- start crosses midnight and belongs to the day it starts on, as the opening hours do.
create table shift (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  starts_on date not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
  recurrence text check (recurrence ~ '^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'),
  until date check (until >= starts_on),
  -- a language the shift needs (BCP 47, e.g. 'ar'), null: any
  language text check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  created_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  check (start_time <> end_time)
);
create index shift_helpline_idx on shift (helpline_id, starts_on);

-- How many operators each occurrence needs, by role. 'mediator' is a value the rota can ask for
-- before the mediator role exists: any member may fill it meanwhile.
create table shift_need (
  shift_id uuid not null references shift (id) on delete cascade,
  role text not null check (role in ('volunteer', 'supervisor', 'mediator')),
  count int not null check (count between 1 and 50),
  primary key (shift_id, role)
);

-- One occurrence not held (an EXDATE): a holiday, a week the association closes.
create table shift_exception (
  shift_id uuid not null references shift (id) on delete cascade,
  on_date date not null,
  primary key (shift_id, on_date)
);

-- Who is on one occurrence, in which role. Signing up confirms at once; a coordinator's
-- assignment waits for the operator to confirm (`confirmed_at` null: not confirmed).
create table shift_assignment (
  id uuid primary key default gen_random_uuid(),
  shift_id uuid not null references shift (id) on delete cascade,
  on_date date not null,
  user_id uuid not null references app_user (id) on delete cascade,
  role text not null check (role in ('volunteer', 'supervisor', 'mediator')),
  confirmed_at timestamptz,
  assigned_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (shift_id, on_date, user_id)
);
create index shift_assignment_user_idx on shift_assignment (user_id, on_date);
create index shift_assignment_occurrence_idx on shift_assignment (shift_id, on_date);

-- An assignment offered to another member; theirs once they accept. One offer at a time.
create table shift_swap (
  assignment_id uuid primary key references shift_assignment (id) on delete cascade,
  to_user_id uuid not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index shift_swap_to_idx on shift_swap (to_user_id);

-- The private calendar feed: the URL carries a token whose SHA-256 alone is kept, so a database
-- dump gives no working feed; renewing replaces the row and the old URL stops answering.
create table calendar_feed (
  user_id uuid primary key references app_user (id) on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now()
);

-- The coordinators' daily digest of the next week's gaps: one a day per helpline, whichever
-- worker gets there first (the row is the claim).
create table rota_digest (
  helpline_id uuid not null references helpline (id) on delete cascade,
  on_date date not null,
  created_at timestamptz not null default now(),
  primary key (helpline_id, on_date)
);
