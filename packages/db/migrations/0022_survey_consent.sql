-- A text door's survey goes only to a person who said yes to it in that conversation: when the
-- volunteer asked (from the console) and when the person answered yes. Nothing is sent otherwise.
alter table conversation
  add column survey_consent_asked_at timestamptz,
  add column survey_consented_at timestamptz,
  add constraint conversation_survey_consent_asked
    check (survey_consented_at is null or survey_consent_asked_at is not null);
