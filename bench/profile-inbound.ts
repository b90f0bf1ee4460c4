// Where an inbound message's CPU goes: an Ascolto started in this process (bench/in-process.ts)
// takes BENCH_MESSAGES signed webhooks, BENCH_CONCURRENCY at a time, first each from a new
// person, then the same people writing again, on the machine's PostgreSQL server (or
// BENCH_DATABASES=embedded, whose processes' CPU is counted too). Prints the CPU per message; run
// under the profiler for its top entries:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-inbound.ts && node bench/profile-top.ts /tmp/prof/<file>.cpuprofile
import { startInProcessAscolto } from './in-process.ts'
import { cpuSeconds, database, postgresPids } from './lib.ts'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)

const db = await database(process.env.BENCH_DATABASES === 'embedded' ? 'embedded' : 'server')
const ascolto = await startInProcessAscolto(db)
const phone = (i: number) => `39355${String(i).padStart(7, '0')}`
const run = async (label: string) => {
  let next = 0
  const started = performance.now()
  const cpu = process.cpuUsage()
  const pids = db.dataDir ? await postgresPids(db.dataDir) : []
  const database = await cpuSeconds(pids)
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const i = next++
        await ascolto.send(phone(i), `bench ${i} ${label}`)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const perMessage = (ms: number) => (ms / MESSAGES).toFixed(2)
  const databaseMs = ((await cpuSeconds(pids)) - database) * 1000
  process.stdout.write(
    `${label}: ${MESSAGES} in ${seconds.toFixed(1)} s (${(MESSAGES / seconds).toFixed(0)}/s), ms of CPU per message: ` +
      `${perMessage((used.user + used.system) / 1000)} in this process (client included)` +
      `${pids.length > 0 ? `, ${perMessage(databaseMs)} in the embedded PostgreSQL` : ''}\n`,
  )
}
await run('new person')
await run('in conversation')
await ascolto.stop()
await db.close()
