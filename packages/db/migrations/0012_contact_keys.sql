-- Each person's own data key, wrapped under their helpline's key (derived from the master key,
-- which is never in the database). Their addresses, messages, files, notes and flags are sealed
-- under it; deleting the row (retention, erasure: the contact's cascade) destroys the key, and
-- with it every copy of their ciphertext wherever it remains.
-- A schema of its own so that database backups can leave it out (pg_dump --exclude-schema=keystore)
-- and the keys are backed up apart, kept only briefly: then an old database backup cannot bring
-- back a person erased since, even together with the master key (docs/deployment.md, Backups).
-- No foreign key to contact, so that newer keys restore beside older data: erasure and retention
-- delete the key themselves, and `ascolto finish-erasures` settles the two after a restore.
create schema keystore;

create table keystore.contact_key (
  contact_id uuid primary key,
  key_sealed bytea not null,
  created_at timestamptz not null default now()
);
