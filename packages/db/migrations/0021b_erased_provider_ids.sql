-- A replayed webhook must not bring an erased person back: dedupe rests on the message row, which
-- erasure deletes. The keyed hashes of an erased person's provider ids (never the ids) are kept
-- for the providers' retry window, so a retry or a replay of their messages is acknowledged and
-- not stored; events older than the window are refused by their own timestamp
-- (core/messages/erased-provider-ids.ts), and these rows are purged once past it.
create table erased_provider_id (
  channel_id uuid not null references channel (id) on delete cascade,
  provider_id_hash text not null,
  erased_at timestamptz not null default now(),
  primary key (channel_id, provider_id_hash)
);
create index erased_provider_id_erased_at_idx on erased_provider_id (erased_at);
