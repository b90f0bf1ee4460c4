-- The short survey after a conversation closes (issue 5). Its answers are anonymous facts of the
-- conversation, kept with the others through retention and erasure; the door it came through is
-- kept too, so a helpline with two widgets can tell them apart (a channel is a door, not a person).
alter table conversation_fact add column channel_id uuid references channel (id) on delete set null;
-- null: not answered; one answer per conversation, e.g. {"useful": 4, "again": true}
alter table conversation_fact add column survey_answers jsonb;

-- when a text channel was sent the survey's question: a reply of just a number soon after is the answer
alter table conversation add column survey_asked_at timestamptz;
