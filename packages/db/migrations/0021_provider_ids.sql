-- A provider's message id is personal data: Meta's wamid is base64 around the sender's number, a
-- Telegram id holds the chat id (the person's user id). From here on the id columns hold a keyed
-- hash of it (`h:` and base64url, keyring.hashProviderId, bound to the channel): enough to find a
-- retried webhook, the message a status report or a reply is about. The id itself, needed to
-- reply to a message, mark it read or delete the provider's copy, is kept sealed under the
-- person's key in provider_id_sealed, so erasure shreds it with the rest. Rows written before are
-- converted at start-up (core/messages/hash-earlier-provider-ids.ts): SQL has no key to do it here.
alter table message add column provider_id_sealed bytea;
comment on column message.provider_message_id is 'keyed hash of the provider''s id (h:…), never the id';
comment on column message.reply_to_provider_id is 'keyed hash of the answered message''s provider id (h:…)';
comment on column delivery_status_early.provider_message_id is 'keyed hash of the provider''s id (h:…)';
