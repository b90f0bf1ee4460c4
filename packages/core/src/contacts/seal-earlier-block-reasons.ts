// Block reasons written in clear before migration 0035b: sealed under each person's key at
// start-up, the clear text dropped, a batch at a time. Nothing to do once done.
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { blockReasonContext } from './block-contact.ts'

export async function sealEarlierBlockReasons(db: Queryable, keyring: Keyring): Promise<number> {
  let sealed = 0
  for (;;) {
    const { rows } = await db.query<{
      id: string
      helpline_id: string
      blocked_reason: string
      key_sealed: Buffer | null
    }>(
      `select c.id, c.helpline_id, c.blocked_reason, k.key_sealed from contact c
         left join keystore.contact_key k on k.contact_id = c.id
        where c.blocked_reason is not null limit 500`,
    )
    if (rows.length === 0) return sealed
    for (const row of rows) {
      await db.query('update contact set blocked_reason = null, blocked_reason_sealed = $2 where id = $1', [
        row.id,
        keyring
          .contact(row.helpline_id, row.id, row.key_sealed)
          .seal(row.blocked_reason, blockReasonContext(row.id)),
      ])
    }
    sealed += rows.length
  }
}
