import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { FastifyBaseLogger } from 'fastify'
import { listeningPool } from './listening-pool.ts'

describe("the realtime adapter's listening connection", () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.drop())

  const warnings: unknown[] = []
  const log = { warn: (entry: unknown) => warnings.push(entry) } as unknown as FastifyBaseLogger

  it('survives the database ending it while in use, and after it was given back (a stop)', async () => {
    const pool = listeningPool(database.pool, log)
    // a connection of its own to end the others with
    const killer = await database.pool.connect()
    const terminate = (pid: number) => killer.query('select pg_terminate_backend($1)', [pid])
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    try {
      // in use: the error drops it, and the adapter's own release afterwards changes nothing
      const listening = await pool.connect()
      const { rows } = await listening.query<{ pid: number }>('select pg_backend_pid() as pid')
      const ended = new Promise((resolve) => listening.once('end', resolve))
      await terminate(rows[0]?.pid ?? 0)
      await ended
      listening.release()
      assert.equal(warnings.length, 1)

      // given back first, then the database says goodbye: no second release
      const given = await pool.connect()
      const second = await given.query<{ pid: number }>('select pg_backend_pid() as pid')
      given.release()
      // the database's goodbye comes as an error, then the end: once it ended, the error was handled
      const goodbye = new Promise((resolve) => given.once('end', resolve))
      await terminate(second.rows[0]?.pid ?? 0)
      await goodbye
      assert.deepEqual(uncaught, [])
      // the pool still serves
      assert.equal((await database.pool.query('select 1 as one')).rows[0]?.one, 1)
    } finally {
      killer.release()
      process.off('uncaughtException', onUncaught)
    }
  })
})
