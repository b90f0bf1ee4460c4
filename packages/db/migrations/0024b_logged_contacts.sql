-- Contacts logged by hand: what happened outside Ascolto's doors (a walk-in, the office phone, an
-- on-site intervention, an identification interview, a call from a service), recorded by an
-- operator as a conversation on the helpline's own "logged" door (a channel of kind 'logged',
-- made when first needed), so it takes notes, the closing form, categories and cases, and counts
-- in the statistics like any contact. What is particular to it lives here.
create table logged_contact (
  conversation_id uuid primary key references conversation (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  door text not null check (door in ('in_person', 'office_phone', 'on_site', 'identification', 'from_service')),
  -- who got in touch: the person, a relative, a service, a citizen reporting
  caller text not null check (caller in ('person', 'relative', 'service', 'citizen')),
  happened_at timestamptz not null,
  duration_seconds integer not null check (duration_seconds between 0 and 86400),
  logged_by uuid references app_user (id) on delete set null,
  logged_at timestamptz not null default now()
);
create index logged_contact_helpline_idx on logged_contact (helpline_id, happened_at);
