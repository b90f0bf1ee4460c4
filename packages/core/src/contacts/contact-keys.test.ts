import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { createKeyring } from '../crypto/keyring.ts'
import { createHelpline } from '../helplines/create-helpline.ts'
import { contactSealer, finishErasures, keyEarlierContacts } from './contact-keys.ts'

describe("each person's own key", () => {
  let database: TestDatabase
  let helplineId: string
  const keyring = createKeyring(randomBytes(32))
  before(async () => {
    database = await createTestDatabase()
    ;({ id: helplineId } = await createHelpline(database.pool, { slug: 'chiavi', name: 'Linea' }))
  })
  after(() => database.drop())

  const people = async (count: number, createdAt: string) =>
    (
      await database.pool.query<{ id: string }>(
        `insert into contact (helpline_id, pseudonym, created_at)
         select $1, 1000 + n + (select count(*) from contact), $3 from generate_series(1, $2) n returning id`,
        [helplineId, count, createdAt],
      )
    ).rows.map((row) => row.id)

  it('gives a key, once, to people who wrote before keys were per person; it opens what they wrote then', async () => {
    const { pool } = database
    const earlier = await people(600, '2020-01-01')
    const sealedThen = keyring.scope(helplineId).seal('scritto prima', 'message:1')

    assert.equal(await keyEarlierContacts(pool, keyring), 600)
    assert.equal(await keyEarlierContacts(pool, keyring), 0)
    const sealer = await contactSealer(pool, keyring, { contactId: earlier[0] ?? '' })
    assert.equal(sealer.open(sealedThen, 'message:1'), 'scritto prima')
    // what is written from now on is under the person's key, which another person's does not open
    const sealedNow = sealer.seal('scritto dopo', 'message:2')
    const other = await contactSealer(pool, keyring, { contactId: earlier[1] ?? '' })
    assert.throws(() => other.open(sealedNow, 'message:2'))
  })

  it('after a restore of older data with the newest keys: deletes the people erased since, drops keys of people it does not hold', async () => {
    const { pool } = database
    // two people since keys were per person, made with their keys as findOrCreateContact does;
    // one was erased after the database backup, so the newest key backup has no key for them
    const [erasedSince, kept] = await people(2, 'now')
    await pool.query('insert into keystore.contact_key (contact_id, key_sealed) values ($1, $2)', [
      kept,
      keyring.newContactKey(helplineId, kept ?? ''),
    ])
    // and the key of someone who wrote after the database backup: in the key backup, not in the data
    await pool.query(
      'insert into keystore.contact_key (contact_id, key_sealed) values (gen_random_uuid(), $1)',
      [randomBytes(61)],
    )
    // start-up gives the erased person no new key: their old ciphertext must stay unopenable
    assert.equal(await keyEarlierContacts(pool, keyring), 0)

    assert.deepEqual(await finishErasures(pool), { erasedContacts: 1, keysDropped: 1 })
    assert.deepEqual(await finishErasures(pool), { erasedContacts: 0, keysDropped: 0 })
    const left = await pool.query('select id from contact where id = any($1::uuid[])', [[erasedSince, kept]])
    assert.deepEqual(
      left.rows.map((row) => row.id),
      [kept],
    )
  })
})
