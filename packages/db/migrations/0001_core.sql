-- The core of a helpline: who writes (contact), through which door (channel), the exchange
-- (conversation, message), the staff (app_user, membership) and the delivery queue (outbox).
-- Idempotency lives here: a provider's message id is unique per channel, a contact's address
-- is unique per channel (by keyed hash), a contact has one open conversation per channel.

create table helpline (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  time_zone text not null default 'Europe/Rome',
  default_locale text not null default 'it',
  created_at timestamptz not null default now()
);

create table channel (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]{1,30}$'),
  name text not null check (length(name) between 1 and 200),
  -- non-secret settings of the adapter (validated by its config schema)
  config jsonb not null default '{}',
  -- secrets (tokens, app secrets), sealed with the helpline's key
  secrets bytea,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
create index channel_helpline_idx on channel (helpline_id);

create table contact (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  -- shown to staff as "Persona #4821": random, so it reveals nothing about how many people wrote
  pseudonym integer not null check (pseudonym between 1000 and 999999),
  created_at timestamptz not null default now(),
  last_inbound_at timestamptz,
  unique (helpline_id, pseudonym)
);

create table contact_identity (
  id uuid primary key default gen_random_uuid(),
  contact_id uuid not null references contact (id) on delete cascade,
  channel_id uuid not null references channel (id) on delete cascade,
  -- HMAC-SHA256 of the address under a secret key: found without storing the address in clear
  address_hash bytea not null,
  -- the address itself (phone number, chat id, e-mail), sealed with the helpline's key
  address_sealed bytea not null,
  created_at timestamptz not null default now(),
  unique (channel_id, address_hash)
);
create index contact_identity_contact_idx on contact_identity (contact_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and position('@' in email) > 1),
  display_name text not null check (length(display_name) between 1 and 100),
  password_hash text not null,
  is_admin boolean not null default false,
  locale text not null default 'it',
  created_at timestamptz not null default now(),
  deactivated_at timestamptz
);

create table membership (
  user_id uuid not null references app_user (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  role text not null check (role in ('volunteer', 'supervisor', 'coordinator')),
  created_at timestamptz not null default now(),
  primary key (user_id, helpline_id)
);
create index membership_helpline_idx on membership (helpline_id);

create table user_session (
  -- SHA-256 of the cookie's token: a database dump gives no usable session
  token_hash bytea primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user_idx on user_session (user_id);

create table conversation (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  channel_id uuid not null references channel (id) on delete cascade,
  status text not null default 'waiting' check (status in ('waiting', 'open', 'closed')),
  assignee_id uuid references app_user (id) on delete set null,
  opened_at timestamptz not null default now(),
  last_message_at timestamptz not null default now(),
  closed_at timestamptz,
  check ((status = 'closed') = (closed_at is not null)),
  check (status <> 'open' or assignee_id is not null)
);
-- one conversation open at a time per contact and door
create unique index conversation_one_open_idx on conversation (contact_id, channel_id) where status <> 'closed';
create index conversation_queue_idx on conversation (helpline_id, status, last_message_at);

create table message (
  id uuid primary key,
  -- the order of writing: several messages of one transaction share created_at
  seq bigint generated always as identity unique,
  conversation_id uuid not null references conversation (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  channel_id uuid not null references channel (id) on delete cascade,
  direction text not null check (direction in ('inbound', 'outbound', 'note')),
  author_id uuid references app_user (id) on delete set null,
  kind text not null default 'text',
  -- the text, sealed with the helpline's key (AES-256-GCM, bound to this row's id)
  body_sealed bytea,
  status text not null check (status in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  -- the provider's id: what makes a retried webhook (or a widget's resend) a no-op
  provider_message_id text,
  error_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, provider_message_id)
);
create index message_conversation_idx on message (conversation_id, seq);

-- Work to do after a commit, written in the same transaction as its cause. Payloads carry ids,
-- never text, so nothing here outlives retention. Rows with the same order_key run one at a
-- time, oldest first (replies in a conversation arrive in the order they were written).
create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  order_key text not null,
  payload jsonb not null,
  attempts integer not null default 0,
  run_at timestamptz not null default now(),
  -- a lease, not a lock held open: a worker that dies mid-send lets the row go when it expires
  leased_until timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index outbox_order_idx on outbox (order_key, id);
create index outbox_due_idx on outbox (run_at);
