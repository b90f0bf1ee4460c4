-- The webhook's channel checked by the arrival statement itself (issue 25): an instance keeps the
-- channels it has read (webhooks/channel-cache.ts) and no longer reads one per webhook; instead
-- inbound_arrival says which version of the channel (its row's and its helpline's xmin) is current,
-- null where it is disabled or gone. The ingest refuses to go on with a version it did not read,
-- and the door reads the channel again and takes the body anew: a change saved by any instance is
-- in force from the next message here, as it was when the channel was read every time.
drop function inbound_arrival(text, uuid, text, uuid, bytea);
create function inbound_arrival(lock_key text, p_channel_id uuid, p_provider_id_hash text, p_helpline_id uuid,
                                p_address_hash bytea)
returns table (channel_version text, duplicate_id uuid, duplicate_conversation_id uuid,
               duplicate_created_at timestamptz, erased boolean, settings_version text, contact_id uuid,
               key_sealed bytea, blocked boolean, open_id uuid, auto_replies_sent text[], erased_blocked boolean,
               erased_blocked_until timestamptz)
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  select h.xmin::text into settings_version from helpline h where h.id = p_helpline_id;
  select ch.xmin::text || '/' || settings_version into channel_version
    from channel ch where ch.id = p_channel_id and ch.helpline_id = p_helpline_id and ch.enabled;
  select m.id, m.conversation_id, m.created_at into duplicate_id, duplicate_conversation_id, duplicate_created_at
    from message m where m.channel_id = p_channel_id and m.provider_message_id = p_provider_id_hash;
  erased := exists (select 1 from erased_provider_id e
                     where e.channel_id = p_channel_id and e.provider_id_hash = p_provider_id_hash);
  if duplicate_id is null and not erased then
    select ci.contact_id, k.key_sealed,
           (c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now()))
      into contact_id, key_sealed, blocked
      from contact_identity ci join contact c on c.id = ci.contact_id
      left join keystore.contact_key k on k.contact_id = c.id
     where ci.channel_id = p_channel_id and ci.address_hash = p_address_hash;
    if contact_id is not null then
      select o.id, o.auto_replies_sent into open_id, auto_replies_sent
        from conversation o
       where o.contact_id = inbound_arrival.contact_id and o.channel_id = p_channel_id and o.status <> 'closed'
         for update;
    else
      select true, b.blocked_until into erased_blocked, erased_blocked_until
        from erased_block b
       where b.channel_id = p_channel_id and b.address_hash = p_address_hash
         and (b.blocked_until is null or b.blocked_until > now());
    end if;
  end if;
  return next;
end
$$;
