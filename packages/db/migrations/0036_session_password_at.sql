-- When each session last proved its password: at sign-in, or again before the account's way of
-- signing in changes (a new authenticator app or passkey, new recovery codes). Sessions open
-- before this migration count from their sign-in.
alter table user_session add column password_at timestamptz;
update user_session set password_at = created_at;
alter table user_session alter column password_at set not null, alter column password_at set default now();
