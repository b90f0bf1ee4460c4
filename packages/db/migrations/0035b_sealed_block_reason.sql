-- The reason staff type to block a person is sealed under the person's key, like everything else
-- about them (gone with the key at erasure). Reasons written in clear before are sealed at
-- start-up (contacts/seal-earlier-block-reasons.ts). A block is marked by blocked_at alone now: a
-- block restored after an erasure has no reason.
alter table contact add column blocked_reason_sealed bytea;
do $$
declare name text;
begin
  for name in select conname from pg_constraint
               where conrelid = 'contact'::regclass and pg_get_constraintdef(oid) like '%blocked_reason%'
  loop
    execute format('alter table contact drop constraint %I', name);
  end loop;
end $$;
