-- The referrals to and from partner installations point at the helpline's partners list (0044):
-- a partner is disabled, never deleted, while referrals name it.
alter table referral
  add constraint referral_from_partner_fk foreign key (from_partner_id) references partner (id),
  add constraint referral_to_partner_fk foreign key (to_partner_id) references partner (id);
alter table referral_event
  add constraint referral_event_partner_fk foreign key (by_partner_id) references partner (id);
