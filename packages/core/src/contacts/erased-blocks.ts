// A block outlives the person's erasure: before a blocked person is erased (by a coordinator or by
// retention), the keyed hashes of their addresses are kept with the block's end in erased_block,
// and nothing else. When the same address writes again, the new person starts blocked (the
// conversation stays out of the queue as any blocked person's): ingest reads the kept block
// (migration 0056) and contacts/create-contact.ts moves it onto them. Expired ones are purged.
import type { Queryable } from '@ascolto/db'
import type { Tx } from '../context.ts'

/** Called before the contacts are deleted: the still-running blocks among them are kept by address hash. */
export async function keepBlocksOfErased(tx: Tx, contactIds: string[]) {
  await tx.query(
    `insert into erased_block (channel_id, address_hash, blocked_until)
     select ci.channel_id, ci.address_hash, c.blocked_until
       from contact c join contact_identity ci on ci.contact_id = c.id
      where c.id = any($1::uuid[])
        and c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now())
     on conflict (channel_id, address_hash) do update set blocked_until =
       case when excluded.blocked_until is null or erased_block.blocked_until is null then null
            else greatest(excluded.blocked_until, erased_block.blocked_until) end`,
    [contactIds],
  )
}

/** Retention's part: blocks past their end are gone, kept or not. Answers how many were purged. */
export async function purgeExpiredBlocks(db: Queryable, now = new Date()) {
  const kept = await db.query('delete from erased_block where blocked_until <= $1', [now])
  const lapsed = await db.query(
    `update contact set blocked_at = null, blocked_until = null, blocked_reason = null, blocked_reason_sealed = null,
            blocked_by = null
      where blocked_until <= $1`,
    [now],
  )
  return (kept.rowCount ?? 0) + (lapsed.rowCount ?? 0)
}
