import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from './testing.ts'
import { withTransaction } from './transaction.ts'

describe('a pool whose database ends its connections (a restart, a failover)', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.drop())

  it('fails the transaction that was using one, without ending the process, and serves again', async () => {
    const killer = await database.pool.connect()
    try {
      // between two statements of a transaction (the work is in Node: sealing, rules), the
      // server's goodbye arrives as an 'error' event on a checked-out client: unheard, it ends the process
      const transaction = withTransaction(database.pool, async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('select pg_backend_pid() as pid')
        const ended = new Promise((resolve) => tx.once('end', resolve))
        await killer.query('select pg_terminate_backend($1)', [rows[0]?.pid])
        await ended
        await tx.query('select 1')
      })
      await assert.rejects(transaction)
      assert.equal((await database.pool.query('select 1 as one')).rows[0]?.one, 1)
    } finally {
      killer.release()
    }
  })
})
