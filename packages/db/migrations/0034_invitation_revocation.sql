-- Invitations a coordinator lists, renews and revokes: each gets an id to be named by (the token's
-- hash stays private), and a revoked one keeps when it was revoked, so the list says so.
alter table invitation add column id uuid not null default gen_random_uuid();
alter table invitation add constraint invitation_id_key unique (id);
alter table invitation add column revoked_at timestamptz;
alter table invitation add check (revoked_at is null or used_at is null);
