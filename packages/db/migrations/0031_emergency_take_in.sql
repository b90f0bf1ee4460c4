-- Emergency take-in ("presa in carico in emergenza e prima assistenza"): a case of kind
-- 'emergency' follows the helpline's procedure (settings `cases.emergency.steps`). Each step is
-- recorded with its value, when and by whom; a later recording of the same step corrects it, the
-- earlier ones stay as the record's history. The value speaks of the person: sealed under the key
-- of the person followed (or the case's first member), so it goes with them (cascade).
create table case_emergency_step (
  id uuid primary key,
  seq bigint generated always as identity unique,
  case_id uuid not null references help_case (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  -- the id of the step in the helpline's settings
  step_id text not null check (step_id ~ '^[a-z0-9-]{1,40}$'),
  value_sealed bytea not null,
  done_by uuid references app_user (id) on delete set null,
  done_at timestamptz not null default now()
);
create index case_emergency_step_case_idx on case_emergency_step (case_id, seq);

-- Opening an emergency take-in raises a flag of its own kind on the conversation it starts from,
-- so the supervisors' consoles and the one on call are alerted the way a safeguarding flag alerts.
alter table safeguarding_flag drop constraint safeguarding_flag_kind_check;
alter table safeguarding_flag add constraint safeguarding_flag_kind_check
  check (kind in ('minor_at_risk', 'imminent_risk', 'emergency_take_in'));
