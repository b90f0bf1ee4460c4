// Starts Ascolto: the database (embedded unless DATABASE_URL says otherwise), migrations, keys,
// then the roles this process plays: web (HTTP, websockets) and/or worker (outbox, scheduled jobs).
import { mkdir } from 'node:fs/promises'
import { channelAdapters } from '@ascolto/channels'
import type { Config } from '@ascolto/config'
import {
  createKeyring,
  hashEarlierProviderIds,
  keyEarlierContacts,
  type Services,
  sealEarlierAuditReasons,
  sealEarlierReasons,
} from '@ascolto/core'
import { createPool, type EmbeddedDatabase, migrate, type Pool, startEmbeddedPostgres } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import pino, { type DestinationStream } from 'pino'
import { buildApp } from './app.ts'
import { createEmailInboxes } from './jobs/email-inboxes.ts'
import { createOutboxWorker } from './jobs/outbox-worker.ts'
import { createScheduledJobs } from './jobs/scheduled-jobs.ts'
import { loggerOptions } from './logger.ts'
import { loadMasterKey } from './master-key.ts'
import { createPublisher } from './realtime/publisher.ts'
import { createSocketServer } from './realtime/socket-server.ts'
import { createWaitUpdates } from './realtime/wait-updates.ts'
import { extendWidgetSockets } from './routes/widget/sockets.ts'

export type Running = {
  url: string
  pool: Pool
  services: Services
  log: FastifyBaseLogger
  stop: () => Promise<void>
}

/** Opens the database the configuration names, migrated; the embedded one by default. */
export async function openDatabase(config: Config, log: FastifyBaseLogger) {
  await mkdir(config.dataDir, { recursive: true })
  let embedded: EmbeddedDatabase | undefined
  let url = config.databaseUrl
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      onLog: (line) => log.debug({ postgres: line.trim() }, 'embedded postgres'),
    })
    url = embedded.url
  }
  const pool = createPool(url, { max: 20 })
  try {
    const applied = await migrate(pool)
    if (applied.length > 0) log.info({ applied }, 'database migrated')
  } catch (error) {
    await pool.end()
    await embedded?.stop()
    throw error
  }
  return {
    pool,
    close: async () => {
      await pool.end()
      await embedded?.stop()
    },
  }
}

export async function startAscolto(
  config: Config,
  options: {
    clock?: () => Date /** where logs go: stdout, or a test's sink */
    logStream?: DestinationStream
  } = {},
): Promise<Running> {
  const log = pino(
    loggerOptions(config.logLevel, config.logAddresses),
    options.logStream ?? process.stdout,
  ) as FastifyBaseLogger
  const database = await openDatabase(config, log)
  const { pool } = database
  const keyring = createKeyring(await loadMasterKey(config, (message) => log.warn(message)))
  const keyed = await keyEarlierContacts(pool, keyring)
  if (keyed > 0) log.info({ contacts: keyed }, 'people who wrote before keys were per person have their own')
  const hashed = await hashEarlierProviderIds(pool, keyring)
  if (hashed > 0) log.info({ rows: hashed }, 'provider ids written in clear are now hashed and sealed')
  const reasons = (await sealEarlierReasons(pool, keyring)) + (await sealEarlierAuditReasons(pool, keyring))
  if (reasons > 0) log.info({ rows: reasons }, 'reasons staff wrote in clear are now sealed')

  const { io, listening } = createSocketServer(pool, log, { trustProxy: config.trustProxy })
  const worker = config.role === 'web' ? undefined : createOutboxWorker(pool, channelAdapters, log)
  const clock = options.clock ?? (() => new Date())
  const waits = createWaitUpdates(io, pool, keyring, clock, log)
  const services: Services = { keyring, publisher: createPublisher(io, pool, worker, waits), clock }
  extendWidgetSockets(io, pool, services, log)
  await worker?.start(services)
  const scheduled = config.role === 'web' ? undefined : createScheduledJobs(pool, keyring, log, { clock })
  scheduled?.start()
  const inboxes = config.role === 'web' ? undefined : createEmailInboxes(pool, log)
  await inboxes?.start(services)

  let url = ''
  let app: Awaited<ReturnType<typeof buildApp>> | undefined
  if (config.role !== 'worker') {
    app = await buildApp({ pool, services, config }, log)
    io.attach(app.server)
    // open to consoles only once it hears what the other instances push, and the sessions ended
    await listening
    const address = await app.listen({
      port: config.port,
      host: config.host,
      // logs carry no IP address, the server's own included: a log scan need not tell them apart
      listenTextResolver: (listening) => `listening on port ${new URL(listening).port}`,
    })
    url = address.replace('127.0.0.1', 'localhost')
  }
  log.info({ role: config.role, url }, 'Ascolto started')

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      // in this order; each named in the log first, so a stop that hangs says where
      const steps: [string, () => unknown][] = [
        ['wait updates', () => waits.stop()],
        ['sockets', () => new Promise<void>((resolve) => io.close(() => resolve()))],
        ['web server', () => app?.close()],
        ['outbox worker', () => worker?.stop()],
        ['scheduled jobs', () => scheduled?.stop()],
        ['mailboxes', () => inboxes?.stop()],
        ['database', () => database.close()],
      ]
      for (const [step, stop] of steps) {
        log.debug({ step }, 'stopping')
        await stop()
      }
      log.info('Ascolto stopped')
    })()
    return stopping
  }
  return { url, pool, services, log, stop }
}
