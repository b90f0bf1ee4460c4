-- A call-back a case asks for: within a case, where the person agreed to be contacted on a phone
-- door, an operator asks for a call to them, which waits in the same list as a voicemail's. So a
-- call-back comes from exactly one origin: the voicemail (or unanswered call) that asked for it,
-- one each as before, or the case, one waiting at a time per person's door (its conversation);
-- the earlier ones stay on the case's timeline. It goes with the case (cascade), and with the
-- person, through their conversation, as before. Existing rows all have their message.
alter table callback_request alter column message_id drop not null;
alter table callback_request add column case_id uuid references help_case (id) on delete cascade;
-- who asked for it from the case (a voicemail asks by itself)
alter table callback_request add column requested_by uuid references app_user (id) on delete set null;
alter table callback_request add constraint callback_request_one_origin
  check ((message_id is null) <> (case_id is null));
create unique index callback_request_case_waiting_idx on callback_request (case_id, conversation_id)
  where status in ('pending', 'not_reachable');
create index callback_request_case_idx on callback_request (case_id) where case_id is not null;
