-- The phone's promise: out of hours a voicemail, then a call-back. A call-back request belongs to
-- the voicemail message that asked for it (one each: a retried recording callback is a no-op),
-- is due inside the next opening hours, and records each attempt: reached, not reachable (tried
-- again later) or done. The recording and its transcription live with the message; the
-- caller's number stays sealed in contact_identity, read only by the roles allowed to call back.
create table callback_request (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  conversation_id uuid not null references conversation (id) on delete cascade,
  message_id uuid not null unique references message (id) on delete cascade,
  status text not null default 'pending'
    check (status in ('pending', 'not_reachable', 'called_back', 'done')),
  attempts integer not null default 0 check (attempts >= 0),
  due_at timestamptz not null,
  last_attempt_at timestamptz,
  last_attempt_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((attempts = 0) = (last_attempt_at is null))
);
create index callback_request_queue_idx on callback_request (helpline_id, status, due_at);

-- A person who sent STOP (or its like) on an SMS door: nothing is sent to them until they opt in
-- again (START), and the console says so.
alter table contact_identity add column opted_out_at timestamptz;
