-- Accounts: sign-in throttling that holds across instances, a second factor, sessions that end
-- after the helpline's idle time, single-use invitations, and each helpline's security settings.

-- Failed sign-ins per key: SHA-256 of "account:<e-mail>" or "address:<ip>", so the table holds
-- neither an e-mail nor an address. A lock is temporary (it grows with failures, to a cap), so an
-- attacker can slow a real volunteer down but never lock them out for good.
create table sign_in_throttle (
  key bytea primary key,
  failures integer not null default 0 check (failures >= 0),
  locked_until timestamptz,
  last_failure_at timestamptz not null default now()
);

-- What a helpline asks of its staff's accounts; a helpline without a row has the defaults.
create table helpline_security (
  helpline_id uuid primary key references helpline (id) on delete cascade,
  -- supervisors and coordinators always need a second factor; volunteers when this says so
  volunteer_second_factor boolean not null default false,
  -- signed out after this long without use
  session_idle_minutes integer not null default 720 check (session_idle_minutes between 5 and 10080),
  updated_at timestamptz not null default now()
);

-- TOTP: the secret sealed with the installation's key (bound to the user), confirmed by a first
-- code; the last time step used, so a code seen once cannot be replayed.
create table user_totp (
  user_id uuid primary key references app_user (id) on delete cascade,
  secret_sealed bytea not null,
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);

-- Recovery codes, each usable once, kept only as SHA-256 (they are long random strings).
create table recovery_code (
  user_id uuid not null references app_user (id) on delete cascade,
  code_hash bytea not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- The idle time a session was opened with, and whether it may only enrol a second factor.
alter table user_session add column idle_minutes integer not null default 720;
alter table user_session add column enrolment_only boolean not null default false;

-- An invitation: a link whose token only the invitee's e-mail carries; the database keeps its
-- SHA-256. Used once, expires.
create table invitation (
  token_hash bytea primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  email text not null check (email = lower(email) and position('@' in email) > 1),
  role text not null check (role in ('volunteer', 'supervisor', 'coordinator')),
  invited_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index invitation_helpline_idx on invitation (helpline_id, created_at);

-- The audit log is read by helpline, newest first.
create index audit_event_helpline_id_idx on audit_event (helpline_id, id desc);
