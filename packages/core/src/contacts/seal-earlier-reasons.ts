// Reasons staff typed in clear before they were sealed (a block's before migration 0035b, a reveal
// request's and a contact link's before 0047): sealed under each person's key at start-up, the
// clear text dropped, a batch at a time. Nothing to do once done.
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { blockReasonContext } from './block-contact.ts'
import { linkReasonContext } from './link-contacts.ts'
import { revealReasonContext } from './reveal-requests.ts'

type Earlier = {
  id: string
  helpline_id: string
  contact_id: string
  reason: string
  key_sealed: Buffer | null
}

/** Each kind of reason: the rows still in clear (with the person whose key seals them), and the update. */
const kinds: ReadonlyArray<{ select: string; update: string; context: (id: string) => string }> = [
  {
    select: `select c.id, c.helpline_id, c.id as contact_id, c.blocked_reason as reason, k.key_sealed from contact c
               left join keystore.contact_key k on k.contact_id = c.id
              where c.blocked_reason is not null limit 500`,
    update: 'update contact set blocked_reason = null, blocked_reason_sealed = $2 where id = $1',
    context: blockReasonContext,
  },
  {
    select: `select r.id, r.helpline_id, v.contact_id, r.reason, k.key_sealed from reveal_request r
               join conversation v on v.id = r.conversation_id
               left join keystore.contact_key k on k.contact_id = v.contact_id
              where r.reason is not null limit 500`,
    update: 'update reveal_request set reason = null, reason_sealed = $2 where id = $1',
    context: revealReasonContext,
  },
  {
    select: `select l.id, l.helpline_id, l.contact_a as contact_id, l.reason, k.key_sealed from contact_link l
               left join keystore.contact_key k on k.contact_id = l.contact_a
              where l.reason is not null limit 500`,
    update: 'update contact_link set reason = null, reason_sealed = $2 where id = $1',
    context: linkReasonContext,
  },
]

export async function sealEarlierReasons(db: Queryable, keyring: Keyring): Promise<number> {
  let sealed = 0
  for (const kind of kinds) {
    for (;;) {
      const { rows } = await db.query<Earlier>(kind.select)
      if (rows.length === 0) break
      for (const row of rows) {
        const sealer = keyring.contact(row.helpline_id, row.contact_id, row.key_sealed)
        await db.query(kind.update, [row.id, sealer.seal(row.reason, kind.context(row.id))])
      }
      sealed += rows.length
    }
  }
  return sealed
}
