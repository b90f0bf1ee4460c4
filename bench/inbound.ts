// Inbound benchmark: signed WhatsApp webhooks at increasing rates against a real Ascolto process
// (commit before acknowledgement), on the embedded PostgreSQL and on a PostgreSQL server, each
// beside its baseline measured in the same run: raw single-row INSERT + COMMIT into that same
// PostgreSQL from this process. On the embedded one, the whole installation's memory (Ascolto and
// its PostgreSQL) at rest and under load. Prints a table per database, writes JSON.
//   npm run bench:inbound                      (the embedded PostgreSQL, and the machine's server if it answers)
//   DATABASE_URL=postgres://… npm run bench:inbound     (that server instead of the machine's)
//   BENCH_DATABASES=embedded npm run bench:inbound      (one of them only: embedded or server)
import { randomUUID } from 'node:crypto'
import { whatsappSignature } from '@ascolto/channels'
import { whatsappPayload, whatsappText } from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  baseline,
  type DatabaseKind,
  database,
  databasesToRun,
  memoryMb,
  percentile,
  postgresPids,
  report,
  round,
  sleep,
  startBenchAscolto,
} from './lib.ts'

const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000,1500,2000').split(',').map(Number)
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5)

async function inbound(kind: DatabaseKind) {
  const db = await database(kind)
  const baselineRate = await baseline(db.url)
  const bench = await startBenchAscolto(db)
  const installation = async () => {
    const pids = [bench.ascolto.child.pid ?? 0, ...(db.dataDir ? await postgresPids(db.dataDir) : [])]
    return memoryMb(pids)
  }
  await sleep(1000)
  const atRest = await installation()
  let underLoad = atRest

  // webhook → console: each text carries the instant it was posted
  const toConsole: number[] = []
  bench.console.on('message.created', (message: { text: string; direction: string }) => {
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
      if (wait > 0) await sleep(wait)
      if (i === Math.floor(total / 2)) installation().then((mb) => (underLoad = Math.max(underLoad, mb)))
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
        fetch(bench.channel.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': whatsappSignature(bench.channel.appSecret, body),
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
    await sleep(500)
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
  await bench.close()
  await db.close()

  const best = Math.max(...rows.map((r) => Number(r['acked/s'])))
  await report(
    `inbound-${kind}`,
    `Inbound on the ${db.kind}`,
    { database: db.kind, baselineRate, atRest, underLoad },
    rows,
  )
  process.stdout.write(
    `baseline: ${round(baselineRate)} single-row insert+commit/s; best sustained ${best} msgs/s = ${round((best / baselineRate) * 100)}% of it\n` +
      `memory of the installation (Ascolto${db.dataDir ? ' + its PostgreSQL' : ''}, PSS): ${atRest} MB at rest, ${underLoad} MB under load\n`,
  )
  return { database: db.kind, baselineRate, best, atRest, underLoad }
}

const summary = []
for (const kind of await databasesToRun()) summary.push(await inbound(kind))
process.stdout.write('\nInbound, side by side\n')
console.table(
  summary.map((s) => ({
    database: s.database,
    'baseline commits/s': round(s.baselineRate),
    'best msgs/s': s.best,
    'of baseline %': round((s.best / s.baselineRate) * 100),
    'memory at rest MB': s.atRest,
    'memory under load MB': s.underLoad,
  })),
)
