import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createHelpline, createKeyring } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { createScheduledJobs } from './scheduled-jobs.ts'

const log = pino({ level: 'silent' }) as FastifyBaseLogger
const LOCK = 'ascolto:job:retention-purge'

describe('scheduled jobs', () => {
  let database: TestDatabase
  let helplineId: string

  before(async () => {
    database = await createTestDatabase()
    ;({ id: helplineId } = await createHelpline(database.pool, { slug: 'sched-line', name: 'Sched' }))
  })
  after(() => database.drop())

  /** A contact silent for `months`, with nothing else: enough for the purge to find. */
  const silentContact = async (pseudonym: number, months: number) => {
    await database.pool.query(
      `insert into contact (helpline_id, pseudonym, last_inbound_at)
       values ($1, $2, now() - make_interval(months => $3))`,
      [helplineId, pseudonym, months],
    )
  }
  const contacts = async () =>
    Number((await database.pool.query('select count(*) from contact')).rows[0].count)

  it('skips the purge while another worker holds it, and lets the lock go after its own run', async () => {
    await silentContact(1001, 7)
    const jobs = createScheduledJobs(database.pool, createKeyring(randomBytes(32)), log)
    const other = await database.pool.connect()
    try {
      await other.query('select pg_advisory_lock(hashtextextended($1, 0))', [LOCK])
      assert.equal(await jobs.runRetention(), 'skipped')
      assert.equal(await contacts(), 1)
      await other.query('select pg_advisory_unlock(hashtextextended($1, 0))', [LOCK])

      assert.deepEqual(await jobs.runRetention(), {
        contacts: 1,
        conversations: 0,
        messages: 0,
        auditEvents: 0,
      })
      assert.equal(await contacts(), 0)
      // the run's connection went back to the pool without the lock
      const { rows } = await other.query('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [
        LOCK,
      ])
      assert.equal(rows[0].locked, true)
      await other.query('select pg_advisory_unlock(hashtextextended($1, 0))', [LOCK])
    } finally {
      other.release()
    }
  })

  it('runs at start and then every interval, in several workers without purging twice', async () => {
    const workers = [0, 1, 2].map(() =>
      createScheduledJobs(database.pool, createKeyring(randomBytes(32)), log, { retentionIntervalMs: 20 }),
    )
    for (const worker of workers) worker.start()
    try {
      for (let i = 0; i < 5; i++) {
        await silentContact(2000 + i, 8)
        const deadline = Date.now() + 5000
        while ((await contacts()) > 0 && Date.now() < deadline) await sleep(10)
        assert.equal(await contacts(), 0)
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()))
    }
    const { rows } = await database.pool.query(
      `select sum((details->>'contacts')::int)::int as purged from audit_event where action = 'retention.purge'`,
    )
    assert.equal(rows[0].purged, 6)
  })
})
