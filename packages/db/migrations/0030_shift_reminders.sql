-- The e-mail reminder before a shift (issue 21): each operator chooses how long before, or none
-- (null, the default); each occurrence's assignment is reminded once, `reminded_at` being the
-- claim (cleared when a swap gives the shift to someone else, who gets their own).
alter table app_user add column shift_reminder_minutes integer
  check (shift_reminder_minutes between 15 and 2880);
alter table shift_assignment add column reminded_at timestamptz;
