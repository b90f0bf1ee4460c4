-- "Segnala": a report sent from the helpline's form becomes a person (a contact with a key of its
-- own, whose address on the helpline's "report" door is the receipt code's public locator) and a
-- conversation on that door; the answers are its first message, sealed under the person's key.
-- The receipt code itself is kept only as an argon2id hash: the locator (its first group) finds
-- the one row to verify, so nothing scans every hash, and a dump opens no thread.
create table report_receipt (
  contact_id uuid primary key references contact (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  locator text not null unique check (locator ~ '^[2-9A-HJKMNP-TV-Z]{4}$'),
  code_hash text not null check (code_hash like '$argon2id$%'),
  created_at timestamptz not null default now()
);
create index report_receipt_helpline_idx on report_receipt (helpline_id);

-- The anonymous facts of a report, kept after retention erased it: when (to the day) and the
-- options chosen (question id → option id, yes/no too). Never free text.
create table report_fact (
  id bigserial primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  received_on date not null,
  choices jsonb not null default '{}' check (jsonb_typeof(choices) = 'object')
);
create index report_fact_helpline_idx on report_fact (helpline_id, received_on);
