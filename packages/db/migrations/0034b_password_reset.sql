-- "Password dimenticata?": a single-use link that sets a new password. The database keeps only
-- the token's SHA-256; the helpline is the one whose mailbox sent it or whose coordinator issued it.
create table password_reset (
  id uuid primary key default gen_random_uuid(),
  token_hash bytea not null unique,
  user_id uuid not null references app_user (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  issued_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
create index password_reset_user_idx on password_reset (user_id, created_at);
