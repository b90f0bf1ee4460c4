-- Socket.IO's PostgreSQL adapter fans realtime events out to every instance through NOTIFY;
-- payloads too large for NOTIFY (8,000 bytes) go through this table and are deleted after 30 s.
create table if not exists socket_io_attachments (
  id bigserial unique,
  created_at timestamptz default now(),
  payload bytea
);
