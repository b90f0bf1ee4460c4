-- The line writes first only where the person agreed, in that case, to be contacted on that door:
-- when, on which door, recorded by whom. Goes with the person (cascade) and with the case.
create table case_consent (
  case_id uuid not null references help_case (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  channel_id uuid not null references channel (id) on delete cascade,
  given_at timestamptz not null default now(),
  recorded_by uuid references app_user (id) on delete set null,
  primary key (case_id, contact_id, channel_id)
);
create index case_consent_contact_idx on case_consent (contact_id);
