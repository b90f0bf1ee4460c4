import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { withTransaction } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { ownDoor } from '../channels/own-door.ts'
import { createKeyring } from '../crypto/keyring.ts'
import { createHelpline } from '../helplines/create-helpline.ts'
import { createContact } from './create-contact.ts'

describe('people made together', () => {
  let database: TestDatabase
  let helplineId: string
  let channelId: string
  const keyring = createKeyring(randomBytes(32))
  before(async () => {
    database = await createTestDatabase()
    ;({ id: helplineId } = await createHelpline(database.pool, { slug: 'insieme', name: 'Linea' }))
    channelId = await withTransaction(database.pool, (tx) => ownDoor(tx, helplineId, 'webchat', 'Chat'))
  })
  after(() => database.drop())

  /** `count` new people in one transaction, their statements shared. */
  const makePeople = (prefix: string, count: number) =>
    withTransaction(database.pool, (tx) =>
      Promise.all(
        Array.from({ length: count }, (_, i) => {
          const address = `${prefix}-${i}`
          return createContact(tx, keyring, {
            helplineId,
            channelId,
            address,
            addressHash: keyring.hashAddress(helplineId, address),
            erasedBlock: null,
            conversation: null,
          })
        }),
      ),
    )

  it('makes several transactions’ people at once without waiting on each other’s pseudonyms', async () => {
    // four transactions of 300 drawing from the same 9,000 pseudonyms: their draws cross
    const made = await Promise.all(['a', 'b', 'c', 'd'].map((prefix) => makePeople(prefix, 300)))
    assert.equal(made.flat().length, 1200)
    const { rows } = await database.pool.query<{ people: number; pseudonyms: number }>(
      'select count(*)::int as people, count(distinct pseudonym)::int as pseudonyms from contact where helpline_id = $1',
      [helplineId],
    )
    assert.deepEqual(rows[0], { people: 1200, pseudonyms: 1200 })
  })
})
