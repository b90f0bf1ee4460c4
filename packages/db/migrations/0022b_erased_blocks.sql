-- A block outlives the erasure of the person blocked, so an abuser erased (on request, or by
-- retention) does not come back as a new person: kept as the keyed hash of the address on that
-- door and the block's end, nothing else (no reason, no content, no contact). Moved back onto the
-- person if the address writes again; purged once the block has expired.
create table erased_block (
  channel_id uuid not null references channel (id) on delete cascade,
  address_hash bytea not null,
  -- null: a block with no end, kept until the channel connection goes
  blocked_until timestamptz,
  primary key (channel_id, address_hash)
);
create index erased_block_until on erased_block (blocked_until) where blocked_until is not null;
