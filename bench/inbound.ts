// Inbound benchmark: signed WhatsApp webhooks at increasing rates against a real Ascolto process
// (commit before acknowledgement), on the embedded PostgreSQL and on a PostgreSQL server, each
// beside its baseline measured in the same run: raw single-row INSERT + COMMIT into that same
// PostgreSQL from this process. Prints a table per database, writes JSON.
//   npm run bench                      (the embedded PostgreSQL, and the machine's server if it answers)
//   DATABASE_URL=postgres://… npm run bench     (that server instead of the machine's)
//   BENCH_DATABASES=embedded npm run bench      (one of them only: embedded or server)
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { whatsappSignature } from '@ascolto/channels'
import { addMembership, createHelpline, createKeyring, createUser, type Services } from '@ascolto/core'
import { createPool, type EmbeddedDatabase, migrate, startEmbeddedPostgres } from '@ascolto/db'
import { io } from 'socket.io-client'
import {
  connectFakeWhatsApp,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { spawnAscolto, stopAscolto } from '../apps/server/src/testing/spawn-ascolto.ts'

const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000,1500,2000').split(',').map(Number)
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5)
const BASELINE_SECONDS = 5
const CONCURRENCY = 16

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}
const round = (n: number) => Math.round(n * 10) / 10

/** The machine's own server, where one runs (CI and these machines have one on 5432). */
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

async function database(kind: 'embedded' | 'server') {
  let embedded: EmbeddedDatabase | undefined
  let dir: string | undefined
  let adminUrl = SERVER_URL
  if (kind === 'embedded') {
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-db-'))
    embedded = await startEmbeddedPostgres({ dataDir: dir })
    adminUrl = embedded.url
  }
  const name = `ascolto_bench_${process.pid}`
  const admin = createPool(adminUrl, { max: 1 })
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind: embedded ? 'embedded PostgreSQL (default settings)' : 'PostgreSQL server',
    url: url.toString(),
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

/** The physical limit of a durable ingest here: one row, one commit, CONCURRENCY connections. */
async function baseline(url: string) {
  const pool = createPool(url, { max: CONCURRENCY })
  await pool.query('create table bench_baseline (id bigserial primary key, body text not null)')
  let count = 0
  const until = Date.now() + BASELINE_SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await pool.query('insert into bench_baseline (body) values ($1)', ['x'.repeat(100)])
        count++
      }
    }),
  )
  await pool.query('drop table bench_baseline')
  await pool.end()
  return count / BASELINE_SECONDS
}

async function inbound(kind: 'embedded' | 'server') {
  const db = await database(kind)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-'))
  const masterKey = randomBytes(32).toString('hex')
  const pool = createPool(db.url, { max: 4 })
  await migrate(pool)
  const baselineRate = await baseline(db.url)

  const ascolto = await spawnAscolto({
    DATABASE_URL: db.url,
    ASCOLTO_DATA_DIR: dataDir,
    ASCOLTO_MASTER_KEY: masterKey,
  })
  const fake = await startFakeWhatsApp()
  const services: Services = {
    keyring: createKeyring(Buffer.from(masterKey, 'hex')),
    publisher: { toConsoles: () => {}, toWidget: () => {}, outboxChanged: () => {} },
    clock: () => new Date(),
  }
  const helpline = await createHelpline(pool, { slug: 'bench', name: 'Bench' })
  const channel = await connectFakeWhatsApp({ pool, services, url: ascolto.url }, fake, {
    helplineId: helpline.id,
  })
  const user = await createUser(pool, {
    email: 'bench@example.org',
    displayName: 'Bench',
    password: 'bench-password',
  })
  await addMembership(pool, { userId: user.id, helplineId: helpline.id, role: 'volunteer' })
  const signIn = await fetch(`${ascolto.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.org', password: 'bench-password' }),
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const socket = io(`${ascolto.url}/console`, { transports: ['websocket'], extraHeaders: { cookie } })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))

  // webhook → console: each text carries the instant it was posted
  const toConsole: number[] = []
  socket.on('message.created', (message: { text: string; direction: string }) => {
    const sentAt = Number(/^bench (\d+)/.exec(message.text)?.[1])
    if (message.direction === 'inbound' && sentAt) toConsole.push(Date.now() - sentAt)
  })

  const rows: Array<Record<string, number | string>> = []
  for (const rate of RATES) {
    toConsole.length = 0
    const acks: number[] = []
    let failed = 0
    const inFlight: Promise<void>[] = []
    const started = Date.now()
    const total = rate * STEP_SECONDS
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate
      const wait = due - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const sentAt = Date.now()
      const payload = whatsappPayload({
        messages: [
          whatsappText(
            { phone: `39333${String(i % 100_000).padStart(7, '0')}` },
            `bench ${sentAt} ${randomUUID()}`,
          ),
        ],
      })
      const body = Buffer.from(JSON.stringify(payload))
      inFlight.push(
        fetch(channel.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': whatsappSignature(channel.appSecret, body),
          },
          body: new Uint8Array(body),
        }).then(
          async (response) => {
            await response.arrayBuffer()
            if (response.status === 200) acks.push(Date.now() - sentAt)
            else failed++
          },
          () => {
            failed++
          },
        ),
      )
    }
    await Promise.all(inFlight)
    const elapsed = (Date.now() - started) / 1000
    await new Promise((resolve) => setTimeout(resolve, 500))
    rows.push({
      'offered/s': rate,
      'acked/s': round(acks.length / elapsed),
      failed,
      'ack p50 ms': round(percentile(acks, 50)),
      'ack p99 ms': round(percentile(acks, 99)),
      'console p50 ms': round(percentile(toConsole, 50)),
      'console p95 ms': round(percentile(toConsole, 95)),
      'console p99 ms': round(percentile(toConsole, 99)),
    })
    if (acks.length / elapsed < rate * 0.9) break // saturated: the next step says nothing more
  }

  socket.disconnect()
  await stopAscolto(ascolto)
  await fake.close()
  await pool.end()
  await db.close()
  await rm(dataDir, { recursive: true, force: true })

  const best = Math.max(...rows.map((r) => Number(r['acked/s'])))
  process.stdout.write(`\nInbound on the ${db.kind}\n`)
  process.stdout.write(
    `baseline: ${round(baselineRate)} single-row insert+commit/s (${CONCURRENCY} connections)\n`,
  )
  console.table(rows)
  process.stdout.write(
    `best sustained: ${best} msgs/s = ${round((best / baselineRate) * 100)}% of the baseline\n`,
  )
  const resultsDir = path.join(import.meta.dirname, 'results')
  await mkdir(resultsDir, { recursive: true })
  await writeFile(
    path.join(resultsDir, `inbound-${kind}.json`),
    `${JSON.stringify({ database: db.kind, baselineRate, rows, at: new Date().toISOString() }, null, 2)}\n`,
  )
  return { database: db.kind, baselineRate, best }
}

const wanted = (process.env.BENCH_DATABASES ?? 'embedded,server').split(',')
const summary = []
if (wanted.includes('embedded')) summary.push(await inbound('embedded'))
if (wanted.includes('server')) {
  if (await serverAnswers()) summary.push(await inbound('server'))
  else process.stdout.write(`\nNo PostgreSQL server answers at ${new URL(SERVER_URL).host}: skipped\n`)
}
process.stdout.write('\nSide by side\n')
console.table(
  summary.map((s) => ({
    database: s.database,
    'baseline commits/s': round(s.baselineRate),
    'best msgs/s': s.best,
    'of baseline %': round((s.best / s.baselineRate) * 100),
  })),
)
