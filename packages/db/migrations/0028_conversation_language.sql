-- The language a conversation is held in: detected from the person's messages, chosen by the
-- person (the widget) or set by an operator; a choice is never overridden by detection.
alter table conversation add column language text check (language ~ '^[a-z]{2,3}$');
alter table conversation add column language_source text
  check (language_source in ('detected', 'person', 'operator'));
alter table conversation add check ((language is null) = (language_source is null));
