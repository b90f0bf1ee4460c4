// Outbound benchmark: volunteers' replies through the outbox to the fake Cloud API at increasing
// rates, each reply in its own person's conversation (order is kept per conversation, so this is
// the parallel case), on each database beside its baseline. The figures: replies per second the
// provider received, and the time from the volunteer's send (the API's 201) to the provider.
// The number's pace is set far above the rates tried (Meta's own limit is 80/s per number).
import {
  postWhatsAppWebhook,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  baseline,
  type DatabaseKind,
  database,
  databasesToRun,
  percentile,
  report,
  round,
  sleep,
  startBenchAscolto,
} from './lib.ts'

const RATES = (process.env.BENCH_RATES ?? '50,100,200,400,800').split(',').map(Number)
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5)
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 300)

async function outbound(kind: DatabaseKind) {
  const db = await database(kind)
  const baselineRate = await baseline(db.url)
  const bench = await startBenchAscolto(db, { maxPerSecond: 1000 })
  const api = (path: string, body?: unknown) =>
    fetch(`${bench.ascolto.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { cookie: bench.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })

  // people who wrote, each conversation taken by the volunteer
  for (let i = 0; i < PEOPLE; i++) {
    const payload = whatsappPayload({
      messages: [whatsappText({ phone: `39355${String(i).padStart(7, '0')}` }, 'ciao')],
    })
    await postWhatsAppWebhook(bench.channel.webhookUrl, bench.channel.appSecret, payload)
  }
  const { rows: conversations } = await bench.pool.query<{ id: string }>(
    'select id from conversation where helpline_id = $1',
    [bench.helplineId],
  )
  for (const { id } of conversations) await (await api(`/api/conversations/${id}/take`, {})).arrayBuffer()

  const rows: Array<Record<string, number | string>> = []
  for (const rate of RATES) {
    const before = bench.fake.sent.length
    const sentAt = new Map<string, number>()
    let refused = 0
    const started = Date.now()
    const total = rate * STEP_SECONDS
    const inFlight: Promise<void>[] = []
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / rate - Date.now()
      if (wait > 0) await sleep(wait)
      const conversation = conversations[i % conversations.length]
      const text = `risposta ${rate} ${i}`
      inFlight.push(
        api(`/api/conversations/${conversation?.id}/messages`, { text }).then(async (response) => {
          await response.arrayBuffer()
          if (response.status === 201) sentAt.set(text, Date.now())
          else refused++
        }),
      )
    }
    await Promise.all(inFlight)
    // wait for the provider to have them all (or for them to stop coming)
    let last = -1
    while (bench.fake.sent.length - before < sentAt.size && bench.fake.sent.length !== last) {
      last = bench.fake.sent.length
      await sleep(1000)
    }
    const received = bench.fake.sent.slice(before)
    const latencies = received.flatMap((m) => {
      const at = sentAt.get(m.text)
      return at === undefined ? [] : [m.at - at]
    })
    const span = (Math.max(...received.map((m) => m.at)) - started) / 1000
    rows.push({
      'offered/s': rate,
      'delivered/s': round(received.length / span),
      refused,
      'send→provider p50 ms': round(percentile(latencies, 50)),
      'send→provider p99 ms': round(percentile(latencies, 99)),
    })
    if (received.length / span < rate * 0.9) break
  }
  await bench.close()
  await db.close()
  const best = Math.max(...rows.map((r) => Number(r['delivered/s'])))
  await report(`outbound-${kind}`, `Outbound on the ${db.kind}`, { database: db.kind, baselineRate }, rows)
  process.stdout.write(`baseline: ${round(baselineRate)} insert+commit/s; best sustained ${best} replies/s\n`)
  return { database: db.kind, baselineRate, best }
}

const summary = []
for (const kind of await databasesToRun()) summary.push(await outbound(kind))
process.stdout.write('\nOutbound, side by side\n')
console.table(
  summary.map((s) => ({
    database: s.database,
    'baseline commits/s': round(s.baselineRate),
    'best replies/s': s.best,
    'of baseline %': round((s.best / s.baselineRate) * 100),
  })),
)
