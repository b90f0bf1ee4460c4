-- The widget's person can end the chat themselves ("end chat", or quick exit): the conversation
-- closes and says so, so the volunteer knows nobody is waiting for an answer. The answers to the
-- helpline's questions before the chat (age band, topic, language) and the policy version the
-- person accepted travel with the conversation they opened.
alter table conversation add column ended_by_visitor_at timestamptz;
alter table conversation add check (ended_by_visitor_at is null or closed_at is not null);
alter table conversation add column prechat_answers jsonb;
alter table conversation add column policy_accepted_version text;
