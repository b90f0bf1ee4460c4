-- Every call on record. A call to a helpline's number is one row, found by the provider's id of the
-- caller's call, whatever step of it arrives first and however often it arrives again: each step
-- only adds what it knows (the earliest time, the first answer, the unanswered rounds by their own
-- ids), so retries and reports out of order leave the same row. How it ended (answered, unanswered,
-- voicemail, refused, ended while ringing) is read from these facts, never stored twice. The call
-- belongs to the caller's conversation through its message (kind 'call'); a blocked person's
-- refused call may have none. The provider's id is stored hashed: it names a person's call.
create table phone_call (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  channel_id uuid not null references channel (id) on delete cascade,
  call_sid_hash bytea not null,
  message_id uuid references message (id) on delete cascade,
  conversation_id uuid references conversation (id) on delete cascade,
  started_at timestamptz not null,
  refused_at timestamptz,
  -- how many rounds of phones were rung, and the ids of those that ended unanswered
  rounds_rung integer not null default 0 check (rounds_rung >= 0),
  unanswered_rounds text[] not null default '{}',
  -- when the last round ended unanswered (or the caller hung up while it rang)
  rang_until timestamptz,
  answered_at timestamptz,
  answered_by uuid references app_user (id) on delete set null,
  talk_seconds integer check (talk_seconds >= 0),
  voicemail_message_id uuid references message (id) on delete set null,
  ended_at timestamptz,
  call_seconds integer check (call_seconds >= 0),
  unique (channel_id, call_sid_hash)
);
create index phone_call_live_idx on phone_call (helpline_id) where ended_at is null;
create index phone_call_conversation_idx on phone_call (conversation_id);

-- The anonymous facts of a call, for the statistics: no person, no number, no conversation link;
-- they outlive retention and erasure like conversation_fact.
create table call_fact (
  call_id uuid primary key,
  helpline_id uuid not null references helpline (id) on delete cascade,
  channel_id uuid,
  day date not null,
  outcome text not null check (outcome in ('answered', 'unanswered', 'voicemail', 'refused', 'abandoned')),
  ring_seconds integer,
  talk_seconds integer,
  -- from the end of the call to the first try of its call-back (the unanswered call's, or its voicemail's)
  callback_seconds integer
);
create index call_fact_day_idx on call_fact (helpline_id, day);

-- An operator's own phone, rung for the calls of the helplines they serve: sealed like other staff
-- secrets, found by a keyed hash when their phone picks up.
alter table app_user add column phone_sealed bytea, add column phone_hash bytea;
create unique index app_user_phone_hash_idx on app_user (phone_hash) where phone_hash is not null;
