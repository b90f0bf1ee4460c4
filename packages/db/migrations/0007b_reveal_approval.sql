-- Revealing a person's address can need a second person (a helpline setting): whoever needs the
-- address asks, with a reason; a supervisor or coordinator other than them approves or refuses;
-- an approval lets the one who asked reveal once, within 30 minutes.
alter table helpline_security add column reveal_needs_approval boolean not null default false;

create table reveal_request (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  conversation_id uuid not null references conversation (id) on delete cascade,
  requested_by uuid not null references app_user (id) on delete cascade,
  reason text not null check (length(reason) between 3 and 500),
  created_at timestamptz not null default now(),
  decided_by uuid references app_user (id) on delete set null,
  decided_at timestamptz,
  approved boolean,
  used_at timestamptz,
  check ((decided_at is null) = (approved is null)),
  check (used_at is null or approved)
);
create index reveal_request_pending_idx on reveal_request (helpline_id, created_at) where decided_at is null;
