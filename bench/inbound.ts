// Inbound benchmark: signed WhatsApp webhooks at increasing rates against a real Ascolto process
// (commit before acknowledgement), on the embedded PostgreSQL and on a PostgreSQL server, each
// beside its baseline measured in the same run: raw single-row INSERT + COMMIT into that same
// PostgreSQL from this process. On the embedded one, the whole installation's memory (Ascolto and
// its PostgreSQL) at rest and under load. Two cases: each message from a person writing for the
// first time, and people already in a conversation writing again; the statements (round trips)
// one message takes in each (bench/statements.ts); at each step, the CPU a message took in Ascolto,
// in this client and in the rest of the machine (PostgreSQL above all), and the cores left idle.
// Prints a table per database, writes JSON.
//   npm run bench:inbound                      (the embedded PostgreSQL, and the machine's server if it answers)
//   DATABASE_URL=postgres://… npm run bench:inbound     (that server instead of the machine's)
//   BENCH_DATABASES=embedded npm run bench:inbound      (one of them only: embedded or server)
import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'
import { whatsappSignature } from '@ascolto/channels'
import { whatsappPayload, whatsappText } from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  baseline,
  cpuSeconds,
  type DatabaseKind,
  database,
  databasesToRun,
  machineCpuSeconds,
  memoryMb,
  percentile,
  postgresPids,
  report,
  round,
  sleep,
  startBenchAscolto,
} from './lib.ts'
import { STATEMENTS_AT_ONCE, statementsPerMessage } from './statements.ts'

const RATES = (process.env.BENCH_RATES ?? '250,500,1000,1500').split(',').map(Number)
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5)
/** People already in a conversation, in the common case: each writes again every few hundred ms. */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 300)
/** Where webhook → console is read: the rate the issue names. */
const CONSOLE_RATE = 500

type Case = 'new person' | 'in conversation'

async function inbound(kind: DatabaseKind) {
  const db = await database(kind)
  const baselineRate = await baseline(db.url)
  const statements = await statementsPerMessage(db)
  const bench = await startBenchAscolto(db)
  const installation = async () => {
    const pids = [bench.ascolto.child.pid ?? 0, ...(db.dataDir ? await postgresPids(db.dataDir) : [])]
    return memoryMb(pids)
  }
  await sleep(1000)
  const atRest = await installation()
  let underLoad = atRest

  // Webhook → console. The consoles that have not opened a conversation hear of its messages
  // without their text (realtime/content-rooms.ts), so a message is known by its conversation:
  // each person's conversation is learnt from their first message, sent one at a time, and each
  // of their next messages is matched with the oldest of theirs not yet heard of.
  const toConsole: number[] = []
  const pending = new Map<string, number[]>()
  let learnt: ((conversationId: string) => void) | undefined
  bench.console.on('message.created', (message: { conversationId: string; direction: string }) => {
    if (message.direction !== 'inbound') return
    if (learnt) return learnt(message.conversationId)
    const sentAt = pending.get(message.conversationId)?.shift()
    if (sentAt) toConsole.push(Date.now() - sentAt)
  })
  let phones = 0
  const newPhone = () => `39333${String(phones++).padStart(7, '0')}`
  // node:http with kept connections, not fetch: the client shares the two cores with Ascolto and
  // its PostgreSQL, and fetch's streams cost it about twice the CPU per request
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 })
  const webhookUrl = new URL(bench.channel.webhookUrl)
  /** The webhook's status once its answer has been read whole. */
  const post = (phone: string, sentAt: number) => {
    const body = Buffer.from(
      JSON.stringify(
        whatsappPayload({ messages: [whatsappText({ phone }, `bench ${sentAt} ${randomUUID()}`)] }),
      ),
    )
    return new Promise<number>((resolve, reject) => {
      const sent = request(
        webhookUrl,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-hub-signature-256': whatsappSignature(bench.channel.appSecret, body),
          },
        },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode ?? 0))
          response.on('error', reject)
        },
      )
      sent.on('error', reject)
      sent.end(body)
    })
  }
  const people: Array<{ phone: string; conversationId: string }> = []
  for (let i = 0; i < PEOPLE; i++) {
    const phone = newPhone()
    const heard = new Promise<string>((resolve) => (learnt = resolve))
    await post(phone, Date.now())
    people.push({ phone, conversationId: await heard })
  }
  learnt = undefined

  const rows: Array<Record<string, number | string>> = []
  for (const which of ['new person', 'in conversation'] satisfies Case[]) {
    for (const rate of RATES) {
      // the statistics autovacuum keeps (at most a minute old, a step's growth): without them, the
      // plans made while the tables were empty would read every row of them at each message
      await bench.pool.query('analyze')
      toConsole.length = 0
      pending.clear()
      const acks: number[] = []
      let refused = 0
      let failed = 0
      const inFlight: Promise<void>[] = []
      // where the two cores went: Ascolto, this client, and the rest (PostgreSQL above all)
      const ascoltoPid = [bench.ascolto.child.pid ?? 0]
      const cpuBefore = {
        ascolto: await cpuSeconds(ascoltoPid),
        client: process.cpuUsage(),
        machine: await machineCpuSeconds(),
      }
      const started = Date.now()
      const total = rate * STEP_SECONDS
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate
        const wait = due - Date.now()
        if (wait > 0) await sleep(wait)
        const person = which === 'in conversation' ? people[i % people.length] : undefined
        const sentAt = Date.now()
        if (person)
          pending.set(person.conversationId, [...(pending.get(person.conversationId) ?? []), sentAt])
        // a message refused is never heard of: the person's next one must not be matched with it
        const unheard = () => {
          const sent = person ? (pending.get(person.conversationId) ?? []) : []
          if (sent.includes(sentAt)) sent.splice(sent.indexOf(sentAt), 1)
        }
        inFlight.push(
          post(person?.phone ?? newPhone(), sentAt).then(
            (status) => {
              if (status === 200) return void acks.push(Date.now() - sentAt)
              unheard()
              if (status === 503) refused++
              else failed++
            },
            () => {
              unheard()
              failed++
            },
          ),
        )
      }
      await Promise.all(inFlight)
      const elapsed = (Date.now() - started) / 1000
      const machine = await machineCpuSeconds()
      const ascolto = (await cpuSeconds(ascoltoPid)) - cpuBefore.ascolto
      const clientUsage = process.cpuUsage(cpuBefore.client)
      const client = (clientUsage.user + clientUsage.system) / 1e6
      const busy = machine.busy - cpuBefore.machine.busy
      const idle = machine.idle - cpuBefore.machine.idle
      // the installation's memory as the step ends, not during it: reading it (every process's page
      // tables) takes the kernel 40-90 ms, which sat in the latencies of the step it ran in
      underLoad = Math.max(underLoad, await installation())
      /** CPU µs per message acknowledged */
      const perMessage = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, acks.length))
      await sleep(500)
      rows.push({
        case: which,
        'offered/s': rate,
        'acked/s': round(acks.length / elapsed),
        'of baseline %': round((acks.length / elapsed / baselineRate) * 100),
        'refused 503': refused,
        failed,
        'ack p50 ms': round(percentile(acks, 50)),
        'ack p99 ms': round(percentile(acks, 99)),
        'console p50 ms': round(percentile(toConsole, 50)),
        'console p99 ms': round(percentile(toConsole, 99)),
        'CPU µs/msg Ascolto': perMessage(ascolto),
        'CPU µs/msg rest (PostgreSQL)': perMessage(busy - ascolto - client),
        'CPU µs/msg client': perMessage(client),
        'cores idle %': round((idle / (busy + idle)) * 100),
      })
      if (acks.length / elapsed < rate * 0.9) break // saturated: the next step says nothing more
    }
  }
  agent.destroy()
  await bench.close()
  await db.close()

  const best = (which: Case) =>
    Math.max(...rows.filter((r) => r.case === which).map((r) => Number(r['acked/s'])))
  const consoleP99 = rows.find((r) => r.case === 'in conversation' && r['offered/s'] === CONSOLE_RATE)?.[
    'console p99 ms'
  ]
  await report(
    `inbound-${kind}`,
    `Inbound on the ${db.kind}`,
    { database: db.kind, baselineRate, statements, atRest, underLoad },
    rows,
  )
  process.stdout.write(
    `baseline: ${round(baselineRate)} single-row insert+commit/s\n` +
      `memory of the installation (Ascolto${db.dataDir ? ' + its PostgreSQL' : ''}, PSS): ${atRest} MB at rest, ${underLoad} MB under load\n`,
  )
  return {
    database: db.kind,
    'baseline commits/s': round(baselineRate),
    'new person msgs/s': best('new person'),
    'new person % of baseline': round((best('new person') / baselineRate) * 100),
    'in conversation msgs/s': best('in conversation'),
    'in conversation % of baseline': round((best('in conversation') / baselineRate) * 100),
    [`console p99 ms at ${CONSOLE_RATE}/s`]: consoleP99 ?? 'saturated',
    'statements/msg new person': statements.newPerson,
    'statements/msg in conversation': statements.inConversation,
    [`statements/msg new person, ${STATEMENTS_AT_ONCE} at once`]: statements.newPersonTogether,
    [`statements/msg in conversation, ${STATEMENTS_AT_ONCE} at once`]: statements.inConversationTogether,
    'memory at rest MB': atRest,
    'memory under load MB': underLoad,
  }
}

const summary = []
for (const kind of await databasesToRun()) summary.push(await inbound(kind))
process.stdout.write('\nInbound, side by side (statements: each one round trip with node-postgres)\n')
console.table(summary)
