-- A conversation's risk level: the highest of what raised it (a volunteer's flag, the helpline's
-- word list, automatic triage). The queue orders by it first, then by due time.
alter table conversation add column risk_level text not null default 'none'
  check (risk_level in ('none', 'medium', 'high', 'imminent'));
