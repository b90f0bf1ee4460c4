-- Referrals ("invii", Messa in rete): a case or a conversation sent to another service, with the
-- person's consent, a minimal packet and a state both sides see. The target is another helpline of
-- this installation, a partner without Ascolto (a directory entry or free text), or another
-- installation (its partner id; the transport is its own migration's). One row serves both sides
-- on this installation: the sender reads it by from_helpline_id, the receiver by to_helpline_id.
create table referral (
  id uuid primary key,
  -- the sending helpline here; null for a referral that came from another installation
  from_helpline_id uuid references helpline (id) on delete cascade,
  -- the installation it came from (the partners list of referrals-remote) and its id there
  from_partner_id uuid,
  remote_id uuid,
  target_kind text not null check (target_kind in ('helpline', 'partner', 'installation')),
  -- the receiving helpline here (a helpline target, or the one a remote referral arrived at)
  to_helpline_id uuid references helpline (id) on delete cascade,
  -- a partner without Ascolto: the directory entry it was picked from, and what the sheet shows
  -- (copied at sending, so the sheet stays what was sent); public facts about a service
  directory_service_id uuid references directory_service (id) on delete set null,
  partner_name text check (length(partner_name) between 1 and 300),
  partner_reach text check (length(partner_reach) <= 1000),
  -- another installation: the partner id in referrals-remote's partners list
  to_partner_id uuid,
  -- what was sent, on the sending side
  case_id uuid references help_case (id) on delete set null,
  conversation_id uuid references conversation (id) on delete set null,
  -- the case opened on the receiving side when it was accepted
  to_case_id uuid references help_case (id) on delete set null,
  urgency text not null check (urgency in ('routine', 'soon', 'urgent')),
  -- the person agreed to be referred: when, who gave it, which operator recorded it
  consent_given_at timestamptz not null,
  consent_given_by text not null check (consent_given_by in ('person', 'representative')),
  consent_recorded_by uuid references app_user (id) on delete set null,
  state text not null default 'sent'
    check (state in ('sent', 'received', 'accepted', 'in_charge', 'closed', 'refused')),
  refusal_reason text
    check (refusal_reason in ('outside-area', 'no-capacity', 'not-our-service', 'person-declined', 'other')),
  state_changed_at timestamptz not null default now(),
  created_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  check (from_helpline_id is not null or from_partner_id is not null),
  check (target_kind <> 'helpline' or to_helpline_id is not null),
  check (target_kind <> 'partner' or partner_name is not null),
  check (target_kind <> 'installation' or to_partner_id is not null),
  check ((state = 'refused') = (refusal_reason is not null)),
  check (from_helpline_id is distinct from to_helpline_id)
);
create index referral_from_idx on referral (from_helpline_id, created_at);
create index referral_to_idx on referral (to_helpline_id, state, created_at);
create index referral_case_idx on referral (case_id);
create index referral_conversation_idx on referral (conversation_id);
create unique index referral_remote_idx on referral (from_partner_id, remote_id) where remote_id is not null;

-- What is about the person (the reason, languages, what they agreed to share, an address only
-- when revealed under the audited rules, a refusal's explanation), sealed under the key of the
-- person it was written about: it goes with them (cascade) on erasure and retention.
create table referral_packet (
  referral_id uuid primary key references referral (id) on delete cascade,
  contact_id uuid not null references contact (id) on delete cascade,
  packet_sealed bytea not null,
  address_included boolean not null default false,
  refusal_note_sealed bytea
);
create index referral_packet_contact_idx on referral_packet (contact_id);

-- Every change of state: when, by whom (an operator of either side, or the partner installation
-- that reported it). No text about the person here.
create table referral_event (
  id bigint generated always as identity primary key,
  referral_id uuid not null references referral (id) on delete cascade,
  state text not null
    check (state in ('sent', 'received', 'accepted', 'in_charge', 'closed', 'refused')),
  at timestamptz not null default now(),
  by_user_id uuid references app_user (id) on delete set null,
  by_helpline_id uuid references helpline (id) on delete set null,
  by_partner_id uuid
);
create index referral_event_referral_idx on referral_event (referral_id, id);

-- A partner without Ascolto: how the referral was handed over ("inviata per e-mail a …",
-- "telefonata a …"). The recipient is the service's address or desk, never the person's.
create table referral_handover (
  id bigint generated always as identity primary key,
  referral_id uuid not null references referral (id) on delete cascade,
  method text not null check (method in ('email', 'phone', 'in-person', 'post', 'other')),
  recipient text not null check (length(recipient) between 1 and 300),
  at timestamptz not null default now(),
  by_user_id uuid references app_user (id) on delete set null
);
create index referral_handover_referral_idx on referral_handover (referral_id, id);

-- What statistics keep of a referral, one row per side on this installation (out for the sender,
-- in for the receiver): no person, no text; it survives erasure, retention and the referral.
create table referral_fact (
  referral_id uuid not null,
  helpline_id uuid not null references helpline (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  target_kind text not null,
  -- 'helpline:<id>', 'directory:<id>', 'partner:<name>', 'installation:<id>'
  partner_key text not null,
  partner_name text not null,
  urgency text not null,
  state text not null,
  refusal_reason text,
  sent_on date not null,
  -- from sending to taken in charge
  in_charge_seconds integer,
  recorded_at timestamptz not null default now(),
  primary key (referral_id, helpline_id)
);
create index referral_fact_helpline_idx on referral_fact (helpline_id, sent_on);
