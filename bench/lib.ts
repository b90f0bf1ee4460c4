// What the benchmarks share: the databases they run on (the embedded PostgreSQL as `npm start`
// runs it, and the machine's server), the baseline measured beside each run (single-row INSERT +
// COMMIT from this process: the physical limit of a durable write here), a real Ascolto process
// with a helpline on the fake WhatsApp and a volunteer's console, memory as the kernel counts
// it, and the tables and JSON they print.
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  addMembership,
  createHelpline,
  createKeyring,
  createUser,
  type Services,
  silentPublisher,
} from '@ascolto/core'
import { createPool, type EmbeddedDatabase, migrate, type Pool, startEmbeddedPostgres } from '@ascolto/db'
import { io, type Socket } from 'socket.io-client'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  startFakeWhatsApp,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../apps/server/src/testing/spawn-ascolto.ts'

export type DatabaseKind = 'embedded' | 'server'

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}
export const round = (n: number) => Math.round(n * 10) / 10
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The machine's own server, where one runs (CI and these machines have one on 5432). */
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

export type BenchDatabase = {
  kind: string
  url: string
  /** The embedded server's data folder; undefined for a server. */
  dataDir: string | undefined
  close: () => Promise<void>
}

export async function database(kind: DatabaseKind): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined
  let dir: string | undefined
  let adminUrl = SERVER_URL
  if (kind === 'embedded') {
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-db-'))
    embedded = await startEmbeddedPostgres({ dataDir: dir })
    adminUrl = embedded.url
  }
  const name = `ascolto_bench_${process.pid}_${randomBytes(3).toString('hex')}`
  const admin = createPool(adminUrl, { max: 1 })
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind: embedded ? 'embedded PostgreSQL (its settings: EMBEDDED_SETTINGS)' : 'PostgreSQL server',
    url: url.toString(),
    dataDir: dir,
    close: async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
      await embedded?.stop()
      if (dir) await rm(dir, { recursive: true, force: true })
    },
  }
}

async function serverAnswers() {
  const pool = createPool(SERVER_URL, { max: 1 })
  try {
    await pool.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await pool.end()
  }
}

/** BENCH_DATABASES (default both), the server only where one answers. */
export async function databasesToRun(): Promise<DatabaseKind[]> {
  const wanted = (process.env.BENCH_DATABASES ?? 'embedded,server').split(',')
  const kinds: DatabaseKind[] = []
  if (wanted.includes('embedded')) kinds.push('embedded')
  if (wanted.includes('server')) {
    if (await serverAnswers()) kinds.push('server')
    else process.stdout.write(`No PostgreSQL server answers at ${new URL(SERVER_URL).host}: skipped\n`)
  }
  return kinds
}

/** Single-row INSERT + COMMIT from this process on `connections` connections, per second. */
export async function baseline(url: string, seconds = 5, connections = 16) {
  const pool = createPool(url, { max: connections })
  await pool.query('create table bench_baseline (id bigserial primary key, body text not null)')
  let count = 0
  const until = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        await pool.query('insert into bench_baseline (body) values ($1)', ['x'.repeat(100)])
        count++
      }
    }),
  )
  await pool.query('drop table bench_baseline')
  await pool.end()
  return count / seconds
}

/** Proportional memory (shared pages split between the processes using them), in MB. */
export async function memoryMb(pids: number[]) {
  let kb = 0
  for (const pid of pids) {
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '')
    kb += Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0)
  }
  return round(kb / 1024)
}

/** CPU seconds the processes used, with their children that ended (from /proc/<pid>/stat). */
export async function cpuSeconds(pids: number[]) {
  let ticks = 0
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    // utime, stime, cutime, cstime: fields 14 to 17, the 12th to 15th after the name
    const fields = stat.split(') ')[1]?.split(' ') ?? []
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i] ?? 0)
  }
  return ticks / 100
}

/** The machine's CPU seconds since boot, busy and idle (every core, from /proc/stat; time the hypervisor took is neither). */
export async function machineCpuSeconds() {
  const [, ...ticks] = (await readFile('/proc/stat', 'utf8')).split('\n')[0]?.trim().split(/\s+/) ?? []
  const [user, nice, system, idle, iowait, irq, softirq] = ticks.map(Number)
  const sum = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0) / 100
  return { busy: sum([user, nice, system, irq, softirq]), idle: sum([idle, iowait]) }
}

/** The PostgreSQL processes serving a data folder (the embedded server and its workers). */
export async function postgresPids(dataDir: string) {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')
    if (cmdline.includes('postgres') && cmdline.includes(dataDir)) pids.push(Number(entry))
  }
  // the server's own children (checkpointer, walwriter, backends) name no folder: find them by parent
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const parent = Number(stat.split(') ')[1]?.split(' ')[1])
    if (pids.includes(parent) && !pids.includes(Number(entry))) pids.push(Number(entry))
  }
  return pids
}

export type BenchAscolto = {
  ascolto: SpawnedAscolto
  pool: Pool
  fake: FakeWhatsApp
  helplineId: string
  channel: Awaited<ReturnType<typeof connectFakeWhatsApp>>
  cookie: string
  console: Socket
  close: () => Promise<void>
}

/** A real Ascolto process on the database, a helpline on the fake WhatsApp, a volunteer's console. */
export async function startBenchAscolto(
  db: BenchDatabase,
  options: { maxPerSecond?: number } = {},
): Promise<BenchAscolto> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-'))
  const masterKey = randomBytes(32).toString('hex')
  const pool = createPool(db.url, { max: 4 })
  await migrate(pool)
  const ascolto = await spawnAscolto({
    DATABASE_URL: db.url,
    ASCOLTO_DATA_DIR: dataDir,
    ASCOLTO_MASTER_KEY: masterKey,
  })
  const fake = await startFakeWhatsApp()
  const services: Services = {
    keyring: createKeyring(Buffer.from(masterKey, 'hex')),
    publisher: silentPublisher,
    clock: () => new Date(),
  }
  const helpline = await createHelpline(pool, {
    slug: `bench-${randomBytes(3).toString('hex')}`,
    name: 'Bench',
  })
  const channel = await connectFakeWhatsApp({ pool, services, url: ascolto.url }, fake, {
    helplineId: helpline.id,
    maxPerSecond: options.maxPerSecond,
  })
  const email = `bench-${randomBytes(3).toString('hex')}@example.org`
  const user = await createUser(pool, { email, displayName: 'Bench', password: 'bench-password' })
  await addMembership(pool, { userId: user.id, helplineId: helpline.id, role: 'volunteer' })
  const signIn = await fetch(`${ascolto.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password' }),
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const socket = io(`${ascolto.url}/console`, { transports: ['websocket'], extraHeaders: { cookie } })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  return {
    ascolto,
    pool,
    fake,
    helplineId: helpline.id,
    channel,
    cookie,
    console: socket,
    close: async () => {
      socket.disconnect()
      await stopAscolto(ascolto)
      await fake.close()
      await pool.end()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Prints a result table, and keeps it in bench/results/<name>.json. */
export async function report(name: string, title: string, result: Record<string, unknown>, rows: object[]) {
  process.stdout.write(`\n${title}\n`)
  console.table(rows)
  const dir = path.join(import.meta.dirname, 'results')
  await mkdir(dir, { recursive: true })
  await writeFile(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ ...result, rows, at: new Date().toISOString() }, null, 2)}\n`,
  )
}
