-- A person's conversations, found by the person: the queue's "has written before" count, their
-- history, and the cascade when retention or erasure deletes them. Without it each was a scan of
-- every conversation of the installation, once per message that arrived.
create index conversation_contact_idx on conversation (contact_id, opened_at);
