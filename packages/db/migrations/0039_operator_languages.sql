-- The languages each member of a team speaks, with a level: the queue's language meets the
-- operator's, automatic assignment prefers who speaks it, coordinators see what is covered now.
create table operator_language (
  user_id uuid not null references app_user (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  level text not null check (level in ('native', 'fluent', 'basic')),
  primary key (user_id, language)
);
