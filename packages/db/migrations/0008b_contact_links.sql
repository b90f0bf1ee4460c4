-- People on several doors: a person who writes on two channels is two contacts, unless a
-- supervisor links them. A link joins two contacts of one helpline, records who made it and
-- why, and is undone by recording who undid it (the row stays: the audit trail reads it). At most
-- one live link per pair; the pair is kept in one order so (a, b) and (b, a) are the same link.
create table contact_link (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  contact_a uuid not null references contact (id) on delete cascade,
  contact_b uuid not null references contact (id) on delete cascade,
  reason text not null check (length(reason) between 1 and 500),
  linked_by uuid references app_user (id) on delete set null,
  linked_at timestamptz not null default now(),
  unlinked_by uuid references app_user (id) on delete set null,
  unlinked_at timestamptz,
  check (contact_a < contact_b)
);
create unique index contact_link_live_idx on contact_link (contact_a, contact_b) where unlinked_at is null;
create index contact_link_b_idx on contact_link (contact_b) where unlinked_at is null;
