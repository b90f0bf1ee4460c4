-- Clinical supervision: a closed conversation queued for a supervisor's review, by the volunteer
-- ("please look at this one") or by the helpline's rule (every flagged conversation); the
-- supervisor's feedback and sign-off, which the volunteer then reads. It goes with its conversation.
create table conversation_review (
  conversation_id uuid primary key references conversation (id) on delete cascade,
  helpline_id uuid not null references helpline (id) on delete cascade,
  requested_by uuid references app_user (id) on delete set null,
  requested_at timestamptz not null default now(),
  cause text not null check (cause in ('volunteer', 'flagged')),
  -- what the volunteer asks, and the supervisor's feedback: about a person, so sealed
  request_sealed bytea,
  reviewer_id uuid references app_user (id) on delete set null,
  feedback_sealed bytea,
  signed_off_at timestamptz,
  check ((signed_off_at is null) = (feedback_sealed is null))
);
create index conversation_review_pending_idx on conversation_review (helpline_id) where signed_off_at is null;
