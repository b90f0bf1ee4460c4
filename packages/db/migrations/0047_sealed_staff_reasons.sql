-- The reasons staff type to ask to see a person's address and to link two contacts are sealed
-- under the person's key, like a block's reason (0035b): gone with the key at erasure, never in a
-- dump in clear. Reasons written in clear before are sealed at start-up
-- (contacts/seal-earlier-reasons.ts), so the clear columns stay nullable until that has run.
alter table reveal_request add column reason_sealed bytea;
alter table reveal_request alter column reason drop not null;
alter table contact_link add column reason_sealed bytea;
alter table contact_link alter column reason drop not null;
do $$
declare t text; name text;
begin
  foreach t in array array['reveal_request', 'contact_link'] loop
    for name in select conname from pg_constraint
                 where conrelid = t::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%length(reason)%'
    loop
      execute format('alter table %I drop constraint %I', t, name);
    end loop;
  end loop;
end $$;
