-- The helpline's directory of services (Messa in rete): organisations a person can be sent to,
-- searched from the desk by topic, area and language. Public facts about services, not about
-- people: kept in clear like the other settings.
create table directory_service (
  id uuid primary key default gen_random_uuid(),
  helpline_id uuid not null references helpline (id) on delete cascade,
  organisation text not null check (length(organisation) between 1 and 200),
  service text not null check (length(service) between 1 and 200),
  region text check (length(region) <= 100),
  province text check (length(province) <= 100),
  municipality text check (length(municipality) <= 100),
  topics text[] not null default '{}' check (cardinality(topics) <= 30),
  people_served text check (length(people_served) <= 500),
  languages text[] not null default '{}' check (cardinality(languages) <= 40),
  opening_hours text check (length(opening_hours) <= 500),
  -- how to reach them: phone numbers, address, site (the service's, never a person's)
  reach text not null check (length(reach) between 1 and 1000),
  -- what goes into a reply, by language code: {"it": "…", "en": "…"}; else one is composed
  reply_texts jsonb not null default '{}' check (jsonb_typeof(reply_texts) = 'object'),
  operator_notes text check (length(operator_notes) <= 2000),
  last_checked date,
  updated_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index directory_service_helpline on directory_service (helpline_id, organisation);
