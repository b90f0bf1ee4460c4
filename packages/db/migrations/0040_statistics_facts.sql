-- What the statistics count of a conversation and a call beyond what they had, still anonymous (no
-- text, no address, no contact): the language it was held in, the flags raised on it, the hour of
-- the day it opened (the helpline's own, for the heatmap over the opening hours), whether the first
-- reply of a person of the line came by the due time, whether the person had written or called the
-- helpline before (a yes or no, never who), and, for a contact logged by hand, who got in touch.
alter table conversation_fact
  add column language text check (language ~ '^[a-z]{2,3}$'),
  add column flags text[] not null default '{}',
  add column opened_hour smallint check (opened_hour between 0 and 23),
  add column due_kept boolean,
  add column repeat_contact boolean not null default false,
  add column caller text check (caller in ('person', 'relative', 'service', 'citizen'));
alter table call_fact add column hour smallint check (hour between 0 and 23);

-- the statistics read conversations by the day they closed
create index conversation_fact_closed_idx on conversation_fact (helpline_id, closed_on);
