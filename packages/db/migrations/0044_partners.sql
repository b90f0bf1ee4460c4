-- Referrals between Ascolto installations (docs/referrals-between-installations.md): each
-- installation signs its requests with its own Ed25519 key; each helpline keeps the partner
-- installations it exchanges referrals with, their address and public key as their coordinators
-- gave them; the nonces of the requests received are kept until their signatures are too old to
-- be accepted anyway, so a request is never taken twice.

-- One row: the installation's key pair. The private key is sealed under a key derived from the
-- master key (never in clear in the database); the public key is what partners are given.
create table installation_key (
  singleton boolean primary key default true check (singleton),
  -- the raw 32-byte Ed25519 public key, base64url (43 characters)
  public_key text not null check (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  private_key_sealed bytea not null,
  created_at timestamptz not null default now()
);

create table partner (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  -- their helpline's address for partners: https://…/api/partners/v1/helplines/<id>
  base_url text not null check (length(base_url) between 1 and 500),
  public_key text not null check (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  enabled boolean not null default true,
  updated_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- a signed request names its key: one partner per key in a helpline
  unique (helpline_id, public_key)
);

-- A request's nonce, per signing key, kept past the window its timestamp may be accepted in.
create table partner_nonce (
  public_key text not null,
  nonce text not null check (length(nonce) between 16 and 64),
  expires_at timestamptz not null,
  primary key (public_key, nonce)
);
create index partner_nonce_expiry on partner_nonce (expires_at);
