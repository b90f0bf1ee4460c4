-- What a provider's messages carry besides text, and the status reports on what Ascolto sent.

-- The file a person sent stays at the provider and is fetched on demand, never at ingest: its id,
-- type and checksum. No file name: it can name a person, and it lives in the sealed text.
alter table message add column media jsonb;
alter table message add check (media is null or (jsonb_typeof(media) = 'object' and media ? 'providerMediaId'));
-- the provider id of the message a reply (or a reaction) answers
alter table message add column reply_to_provider_id text;

-- The order a delivery status moves in, and only forward: a failure after "delivered" is stale,
-- a "delivered" after a failure (another of the person's devices) wins.
create function delivery_status_rank(status text) returns integer language sql immutable as $$
  select array_position(array['queued', 'sent', 'failed', 'delivered', 'read'], status)
$$;

-- A report can outrun the record of the send it reports on: the provider answers the send, then
-- calls the webhook, while the worker is still writing the provider's id. Such a report waits
-- here (a day at most: one for a message sent by other software never finds its message) and is
-- applied by the trigger below when the id is written. Ids and statuses only, nothing personal.
create table delivery_status_early (
  channel_id uuid not null references channel (id) on delete cascade,
  provider_message_id text not null,
  status text not null check (status in ('sent', 'delivered', 'read', 'failed')),
  error_code text,
  received_at timestamptz not null default now(),
  primary key (channel_id, provider_message_id, status)
);
create index delivery_status_early_received_idx on delivery_status_early (received_at);

-- Takes the same per-message lock as a status report (update-delivery-status.ts), so a report
-- either sees the id written or is seen here: never neither.
create function apply_early_delivery_status() returns trigger language plpgsql as $$
declare
  early record;
begin
  perform pg_advisory_xact_lock(hashtextextended(new.channel_id::text || ':' || new.provider_message_id, 0));
  for early in
    delete from delivery_status_early
     where channel_id = new.channel_id and provider_message_id = new.provider_message_id
    returning status, error_code
  loop
    if delivery_status_rank(early.status) > delivery_status_rank(new.status) then
      new.status := early.status;
      new.error_code := case when early.status = 'failed' then early.error_code end;
    end if;
  end loop;
  return new;
end $$;

create trigger message_apply_early_delivery_status
  before update of provider_message_id on message
  for each row
  when (new.direction = 'outbound' and new.provider_message_id is not null
        and old.provider_message_id is distinct from new.provider_message_id)
  execute function apply_early_delivery_status();
