-- What an inbound message finds on arrival, in one round trip where it took four (issue 25): the
-- person's lock on this door (their first two messages racing make one contact), the provider's
-- earlier delivery of the same message, an erased person's id, the version of the helpline's
-- settings (its row's xmin), the person by their address's keyed hash with their sealed key and
-- block, and their open conversation on this door, locked for the message; for an address nobody
-- writes from, the block kept from a person erased while blocked (contacts/erased-blocks.ts). The
-- rules that use these stay in messages/ingest-inbound-message.ts; this only reads.
create function inbound_arrival(lock_key text, p_channel_id uuid, p_provider_id_hash text, p_helpline_id uuid,
                                p_address_hash bytea)
returns table (duplicate_id uuid, duplicate_conversation_id uuid, duplicate_created_at timestamptz,
               erased boolean, settings_version text, contact_id uuid, key_sealed bytea, blocked boolean,
               open_id uuid, auto_replies_sent text[], erased_blocked boolean, erased_blocked_until timestamptz)
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  select m.id, m.conversation_id, m.created_at into duplicate_id, duplicate_conversation_id, duplicate_created_at
    from message m where m.channel_id = p_channel_id and m.provider_message_id = p_provider_id_hash;
  erased := exists (select 1 from erased_provider_id e
                     where e.channel_id = p_channel_id and e.provider_id_hash = p_provider_id_hash);
  select h.xmin::text into settings_version from helpline h where h.id = p_helpline_id;
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
