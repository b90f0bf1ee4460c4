// The outbox worker's LISTEN connection, given back at a stop, is the pool's from then on: an error
// on it later (the database ending it as the pool closes) is not the worker's to release again,
// which threw out of the event and ended a test process in a clean-clone run.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Services } from '@ascolto/core'
import type { PoolClient } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { FastifyBaseLogger } from 'fastify'
import { createOutboxWorker } from './outbox-worker.ts'

describe('the outbox worker at a stop', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.drop())

  it('leaves its listening connection to the pool: a later error on it throws nothing', async () => {
    const taken: PoolClient[] = []
    const pool = new Proxy(database.pool, {
      get(target, property) {
        if (property === 'connect') {
          return async () => {
            const client = await target.connect()
            taken.push(client)
            return client
          }
        }
        const value = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const log = { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} }
    const worker = createOutboxWorker(pool, {}, log as unknown as FastifyBaseLogger)
    // an empty outbox: the worker only listens and polls
    await worker.start({} as Services)
    await worker.stop()
    assert.equal(taken.length, 1, 'the worker took one connection to listen on')
    for (const client of taken) {
      assert.doesNotThrow(() => client.emit('error', new Error('Connection terminated unexpectedly')))
    }
  })
})
