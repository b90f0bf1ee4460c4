// Each person's own data key (crypto/keyring.ts), kept wrapped in `keystore.contact_key`: found
// for the use-cases that handle one conversation or one contact (queries that read many rows at
// once join the table themselves: message and conversation views), given to people who wrote
// before keys were per person, and destroyed by erasure and retention.
import type { Queryable } from '@ascolto/db'
import type { Keyring, Sealer } from '../crypto/keyring.ts'
import { AscoltoError } from '../errors.ts'

/** The sealer of a contact, or of the person a conversation is with. */
export async function contactSealer(
  db: Queryable,
  keyring: Keyring,
  of: { contactId: string } | { conversationId: string },
): Promise<Sealer> {
  const { rows } = await db.query<{ helpline_id: string; id: string; key_sealed: Buffer | null }>(
    `select c.helpline_id, c.id, k.key_sealed
       from contact c left join keystore.contact_key k on k.contact_id = c.id
      where c.id = coalesce($1::uuid, (select contact_id from conversation where id = $2::uuid))`,
    'contactId' in of ? [of.contactId, null] : [null, of.conversationId],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Contact not found')
  return keyring.contact(row.helpline_id, row.id, row.key_sealed)
}

/** Crypto-shredding: without its key, no copy of a person's ciphertext opens again, anywhere. */
export async function destroyContactKeys(db: Queryable, contactIds: readonly string[]) {
  await db.query('delete from keystore.contact_key where contact_id = any($1::uuid[])', [contactIds])
}

/**
 * Run at start-up: a key for each person who wrote before keys were per person (what they wrote
 * then stays sealed under the helpline's key, which their sealer still opens). Only them: a person
 * since then without a key was erased. Idempotent, and safe from several instances at once.
 */
export async function keyEarlierContacts(db: Queryable, keyring: Keyring): Promise<number> {
  let given = 0
  for (;;) {
    const { rows } = await db.query<{ id: string; helpline_id: string }>(
      `select c.id, c.helpline_id from contact c
        where c.created_at < (select applied_at from schema_migration where name = '0012_contact_keys.sql')
          and not exists (select 1 from keystore.contact_key k where k.contact_id = c.id) limit 500`,
    )
    if (rows.length === 0) return given
    const { rowCount } = await db.query(
      `insert into keystore.contact_key (contact_id, key_sealed)
       select * from unnest($1::uuid[], $2::bytea[]) on conflict (contact_id) do nothing`,
      [rows.map((row) => row.id), rows.map((row) => keyring.newContactKey(row.helpline_id, row.id))],
    )
    given += rowCount ?? 0
  }
}

/**
 * After restoring an older database backup with the newest key backup (docs/deployment.md): the
 * people erased since have no key, and nothing of theirs opens: their rows go too. Keys of people
 * the data does not hold (they wrote after the database backup) are dropped. An admin runs it
 * (`ascolto finish-erasures`) once sure the key backup restored is the newest.
 */
export async function finishErasures(db: Queryable) {
  const erased = await db.query(
    `delete from contact c
      where c.created_at >= (select applied_at from schema_migration where name = '0012_contact_keys.sql')
        and not exists (select 1 from keystore.contact_key k where k.contact_id = c.id)`,
  )
  const orphans = await db.query(
    'delete from keystore.contact_key k where not exists (select 1 from contact c where c.id = k.contact_id)',
  )
  return { erasedContacts: erased.rowCount ?? 0, keysDropped: orphans.rowCount ?? 0 }
}
