-- Passkeys (WebAuthn) as a second factor beside TOTP, and the challenges of their ceremonies.

-- A passkey: the credential's id and COSE public key as the authenticator gave them at
-- registration, its signature counter (a counter that goes back means a cloned authenticator),
-- the transports the browser reported (hints for the next ceremony), and the name its owner gave.
create table user_passkey (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  credential_id text not null unique
    check (credential_id ~ '^[A-Za-z0-9_-]+$' and length(credential_id) between 16 and 1366),
  public_key bytea not null,
  counter bigint not null default 0 check (counter >= 0),
  transports text[] not null default '{}',
  name text not null check (length(name) between 1 and 60),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index user_passkey_user_idx on user_passkey (user_id, created_at);

-- A challenge is used once (deleted as it is checked) and lives a few minutes. A registration's
-- belongs to the session that asked for it; a sign-in's to the account whose password was just
-- proven (there is no session yet).
create table webauthn_challenge (
  challenge text primary key,
  purpose text not null check (purpose in ('registration', 'sign_in')),
  user_id uuid not null references app_user (id) on delete cascade,
  session_hash bytea references user_session (token_hash) on delete cascade,
  expires_at timestamptz not null,
  check ((purpose = 'registration') = (session_hash is not null))
);
create index webauthn_challenge_expires_idx on webauthn_challenge (expires_at);
