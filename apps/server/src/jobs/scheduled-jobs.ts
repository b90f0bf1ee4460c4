// The worker role's periodic jobs (the retention purge and the rota's daily digest, hourly; the
// reminders before shifts, every five minutes). Several workers may run against one database:
// each purge takes a PostgreSQL advisory lock on a connection of its own, and a worker that cannot
// get it skips the run, since another one is doing it right now; each digest is claimed by a row
// (rota_digest), each reminder by its assignment (reminded_at).
import {
  type Keyring,
  type PurgeCounts,
  purgeExpiredBlocks,
  purgeInactiveContacts,
  queueRotaDigests,
  queueShiftReminders,
} from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'

const HOUR_MS = 60 * 60 * 1000
/** A reminder goes at most this late after the moment the operator asked for. */
const REMINDERS_MS = 5 * 60 * 1000
const RETENTION_LOCK = 'ascolto:job:retention-purge'

export type ScheduledJobs = {
  start: () => void
  stop: () => Promise<void>
  /** One run of the purge now, unless another worker holds it: what the timer calls. */
  runRetention: () => Promise<PurgeCounts | 'skipped'>
}

/**
 * Runs `job` holding a session-level advisory lock named `name`, or returns 'skipped' at once if
 * another session holds it. The lock lives on this client's connection: if unlocking fails, the
 * connection is destroyed, which lets the lock go with it.
 */
async function exclusively<T>(pool: Pool, name: string, job: () => Promise<T>): Promise<T | 'skipped'> {
  const client = await pool.connect()
  let healthy = false
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [name],
    )
    if (!rows[0]?.locked) {
      healthy = true
      return 'skipped'
    }
    try {
      return await job()
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name])
      healthy = true
    }
  } finally {
    client.release(!healthy)
  }
}

export function createScheduledJobs(
  pool: Pool,
  keyring: Keyring,
  log: FastifyBaseLogger,
  options: { retentionIntervalMs?: number; clock?: () => Date } = {},
): ScheduledJobs {
  const interval = options.retentionIntervalMs ?? HOUR_MS
  // the services' clock: a test moves it past a helpline's retention months
  const clock = options.clock ?? (() => new Date())
  let stopped = true
  let timer: NodeJS.Timeout | undefined
  let reminders: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let reminding: Promise<void> | undefined

  const remind = async () => {
    try {
      await queueShiftReminders(pool, new Date())
    } catch (error) {
      log.error({ err: error }, 'shift reminders failed')
    }
  }

  const runRetention = () =>
    exclusively(pool, RETENTION_LOCK, async () => {
      const now = clock()
      const counts = await purgeInactiveContacts(pool, keyring, { now })
      await purgeExpiredBlocks(pool, now)
      return counts
    })

  async function tick() {
    try {
      const result = await runRetention()
      if (result === 'skipped') log.debug('retention purge running elsewhere: skipped')
      else if (result.contacts > 0) log.info(result, 'retention purge')
    } catch (error) {
      // tried again at the next tick; the error names helplines at most, never people
      log.error({ err: error }, 'retention purge failed')
    }
    try {
      await queueRotaDigests(pool, new Date())
    } catch (error) {
      log.error({ err: error }, 'rota digest failed')
    }
    if (!stopped) {
      timer = setTimeout(() => {
        current = tick()
      }, interval)
    }
  }

  return {
    runRetention,
    // at once, then every interval: a worker restarted more often than hourly still purges
    start: () => {
      if (!stopped) return
      stopped = false
      current = tick()
      reminding = remind()
      reminders = setInterval(() => {
        reminding = remind()
      }, REMINDERS_MS)
    },
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      clearInterval(reminders)
      await current
      await reminding
    },
  }
}
