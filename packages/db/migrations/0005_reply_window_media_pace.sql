-- What a provider's rules ask of delivery: replies held while a channel's reply window is closed
-- (WhatsApp's 24 hours), files people send kept sealed here once fetched, read receipts sent
-- once, and a pace per channel that sends never exceed.

-- held: written while the reply window was closed; sent the moment the person writes again
alter table message drop constraint message_status_check;
alter table message add constraint message_status_check
  check (status in ('received', 'held', 'queued', 'sent', 'delivered', 'read', 'failed'));
-- found at every message from a person on a door with a window: few rows, a small index
create index message_held_idx on message (channel_id) where status = 'held';

-- the person's last message on this door: when the channel's reply window closes
alter table contact_identity add column last_inbound_at timestamptz;

-- a file from a person: pending until the worker fetched it; stored, or refused with a reason
alter table message add column media_status text
  check (media_status in ('pending', 'stored', 'refused', 'failed'));
alter table message add column media_error text;
alter table message add check ((media is null) = (media_status is null));

-- One file per message, sealed with the helpline's key and bound to its message; deleted with it.
create table media_file (
  message_id uuid primary key references message (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  mime_type text not null check (length(mime_type) between 3 and 100),
  byte_size integer not null check (byte_size >= 0),
  sha256 bytea not null check (length(sha256) = 32),
  sealed bytea not null,
  created_at timestamptz not null default now()
);

-- the person's message a read receipt was sent for: once, however often the conversation is opened
alter table message add column read_receipt_at timestamptz;

-- The next moment a channel may send: each send takes a slot 1/rate seconds after the last one,
-- so instances sharing a number share its pace.
create table channel_pace (
  channel_id uuid primary key references channel (id) on delete cascade,
  next_send_at timestamptz not null
);
