// Soak: 10,000 signed WhatsApp webhooks at three times a busy line's load, Ascolto run as a web
// process and a worker process, and at random moments one of three faults: the web process killed
// (SIGKILL), the worker killed, or the database dropping every connection of the run (as at a crash
// and restart of the server; on the shared server, only this run's database), as Meta would keep
// posting and retrying. Each new person is sent the helpline's first-message reply through the
// outbox, to a fake Graph API. Afterwards the stored ids must equal the acknowledged ones (nothing
// acknowledged lost, nothing stored twice) and every queued reply must have reached Meta, once, or
// twice only where a worker was killed between Meta's answer and the commit that records it (at
// most the worker's batch per kill: the Graph API takes no idempotency key), or the run exits 1; printed beside Meta's published expectation for acknowledgements
// (median ≤ 250 ms, fewer than 1 % over 1 s). On the machine's PostgreSQL server.
//   node bench/soak.ts            (SOAK_MESSAGES, SOAK_RATE, SOAK_KILL_EVERY_SECONDS to change it)
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { whatsappConnection } from '@ascolto/channels'
import {
  connectChannel,
  createHelpline,
  createKeyring,
  defaultSettings,
  importHelplineSettings,
} from '@ascolto/core'
import { createPool, migrate } from '@ascolto/db'
import { OUTBOX_BATCH } from '../apps/server/src/jobs/outbox-worker.ts'
import {
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../apps/server/src/testing/spawn-ascolto.ts'
import { database, percentile, report, round, sleep } from './lib.ts'

const MESSAGES = Number(process.env.SOAK_MESSAGES ?? 10_000)
/** A busy regional line peaks near 20 messages a second: three times that. */
const RATE = Number(process.env.SOAK_RATE ?? 60)
const KILL_EVERY_SECONDS = Number(process.env.SOAK_KILL_EVERY_SECONDS ?? 20)

const db = await database('server')
const pool = createPool(db.url, { max: 2 })
await migrate(pool)
const masterKey = randomBytes(32).toString('hex')
const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-soak-'))
const helpline = await createHelpline(pool, { slug: 'soak', name: 'Soak' })
const defaults = defaultSettings('Soak', 'Europe/Rome', 'it')
// every new person is welcomed (and told when the line is closed): work for the worker, counted at the fake
await importHelplineSettings(pool, helpline.id, {
  ...defaults,
  autoReplies: { ...defaults.autoReplies, welcome: { it: 'Ciao, ti leggiamo presto. {policyUrl}' } },
  policy: { url: 'https://example.org/privacy', version: '2026-12' },
})
const accessToken = `EAAG${randomBytes(24).toString('hex')}`
const meta = await startFakeWhatsApp({ accessToken })
const { config, secrets } = whatsappConnection({
  phoneNumberId: '109876543210123',
  accessToken,
  appSecret: randomBytes(16).toString('hex'),
  verifyToken: randomBytes(12).toString('base64url'),
  graphBaseUrl: meta.url,
})
const channel = await connectChannel(pool, createKeyring(Buffer.from(masterKey, 'hex')), {
  helplineId: helpline.id,
  kind: 'whatsapp',
  name: 'WhatsApp',
  config,
  secrets,
})
const env = { DATABASE_URL: db.url, ASCOLTO_MASTER_KEY: masterKey, ASCOLTO_DATA_DIR: dataDir }

const roles = { web: await spawnAscolto({ ...env, ASCOLTO_ROLE: 'web' }) } as Record<string, SpawnedAscolto>
roles.worker = await spawnAscolto({ ...env, ASCOLTO_ROLE: 'worker' })
const kills = { web: 0, worker: 0, database: 0 }
let restarting: Promise<void> | undefined
/** One fault, chosen at random; the process killed is started again (the database comes back by itself). */
async function fault() {
  const which = (['web', 'worker', 'database'] as const)[Math.floor(Math.random() * 3)] ?? 'web'
  kills[which]++
  if (which === 'database') {
    await pool.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    )
    return
  }
  const victim = roles[which]
  if (!victim) return
  victim.child.kill('SIGKILL')
  await victim.exited
  roles[which] = await spawnAscolto({ ...env, ASCOLTO_ROLE: which })
}
const acknowledged = new Set<string>()
const ackMs: number[] = []
let refused = 0
/** How the refused ones were answered: an HTTP status, or 0 where the connection failed. */
const refusedBy = new Map<number, number>()
const pending = Array.from({ length: MESSAGES }, (_, i) => ({
  key: newWamid(),
  phone: `39340${String(i).padStart(7, '0')}`,
  text: `soak ${i}`,
}))
// Meta retries what it did not see acknowledged: refused ones go back in the queue
const queue = [...pending]
const started = Date.now()
let sent = 0
let nextKill = Date.now() + KILL_EVERY_SECONDS * 1000 * (0.5 + Math.random())
const inFlight = new Set<Promise<void>>()
// a line every ten seconds on stderr, so a run that stalls shows where
const progress = setInterval(() => {
  for (const [role, instance] of Object.entries(roles)) {
    if (instance.child.exitCode !== null && !restarting)
      process.stderr.write(`the ${role} process ended by itself:\n${instance.output().slice(-4000)}\n`)
  }
  process.stderr.write(
    `${Math.round((Date.now() - started) / 1000)} s: ${acknowledged.size} of ${MESSAGES} acknowledged, ${refused} refused (by status ${JSON.stringify(Object.fromEntries(refusedBy))}), killed ${JSON.stringify(kills)}\n`,
  )
}, 10_000)
while (queue.length > 0 || inFlight.size > 0) {
  if (Date.now() > nextKill && !restarting) {
    // the web's restart holds the posting (there is nowhere to post); the others run beside it
    restarting = fault().finally(() => {
      restarting = undefined
      nextKill = Date.now() + KILL_EVERY_SECONDS * 1000 * (0.5 + Math.random())
    })
    if (!roles.web || roles.web.child.exitCode !== null) await restarting
  }
  const message = queue.shift()
  if (!message) {
    await Promise.race(inFlight)
    continue
  }
  const due = started + (sent * 1000) / RATE
  if (due > Date.now()) await sleep(due - Date.now())
  sent++
  const url = `${roles.web?.url}/webhooks/whatsapp/${channel.id}`
  const body = JSON.stringify(
    whatsappPayload({ messages: [whatsappText({ phone: message.phone }, message.text, message.key)] }),
  )
  const at = Date.now()
  const request: Promise<void> = postWhatsAppWebhook(url, secrets.appSecret, body)
    .then(
      (answer) => answer.status,
      () => 0,
    )
    .then((status) => {
      if (status === 200) {
        acknowledged.add(message.key)
        ackMs.push(Date.now() - at)
      } else {
        refused++
        refusedBy.set(status, (refusedBy.get(status) ?? 0) + 1)
        queue.push(message)
      }
    })
    .finally(() => inFlight.delete(request))
  inFlight.add(request)
}
await restarting
clearInterval(progress)
// the worker delivers what is left in the outbox, within a bound: the bench stops by itself
const drainedBy = Date.now() + 180_000
const left = async () =>
  Number((await pool.query<{ n: string }>('select count(*) as n from outbox')).rows[0]?.n ?? 0)
while ((await left()) > 0 && Date.now() < drainedBy) await sleep(500)
for (const process of Object.values(roles)) await stopAscolto(process)
await meta.close()

const { rows } = await pool.query<{ provider_message_id: string }>(
  `select provider_message_id from message where channel_id = $1 and direction = 'inbound'`,
  [channel.id],
)
// stored as keyed hashes (core/messages/provider-ids.ts): the acknowledged ids are hashed alike
const stored = rows.map((row) => row.provider_message_id)
const storedSet = new Set(stored)
const keyring = createKeyring(Buffer.from(masterKey, 'hex'))
const lost = [...acknowledged].filter((key) => !storedSet.has(keyring.hashProviderId(channel.id, key))).length
const duplicates = stored.length - storedSet.size
// each reply queued reached Meta once: as many sends as replies, every person sent theirs
const { rows: replies } = await pool.query<{ n: string; undelivered: string }>(
  `select count(*) as n, count(*) filter (where status <> 'sent') as undelivered
     from message where channel_id = $1 and direction = 'outbound'`,
  [channel.id],
)
const queuedReplies = Number(replies[0]?.n ?? 0)
const undelivered = Number(replies[0]?.undelivered ?? 0)
const sendsTo = new Map<string, number>()
for (const send of meta.sent) sendsTo.set(send.to, (sendsTo.get(send.to) ?? 0) + 1)
const extraSends = meta.sent.length - queuedReplies
const over1s = ackMs.filter((ms) => ms > 1000).length
await pool.end()
await db.close()
await rm(dataDir, { recursive: true, force: true })

await report(
  'soak',
  `Soak: ${MESSAGES} webhooks at ${RATE}/s, killed: web ${kills.web}, worker ${kills.worker}, database connections ${kills.database} times`,
  { messages: MESSAGES, rate: RATE, ...kills },
  [
    {
      acknowledged: acknowledged.size,
      stored: stored.length,
      'acknowledged but lost': lost,
      'stored twice': duplicates,
      'replies queued': queuedReplies,
      'replies not delivered': undelivered,
      'sends beyond the replies': extraSends,
      'refused, then retried': refused,
      'ack p50 ms (Meta: ≤ 250)': round(percentile(ackMs, 50)),
      'ack p99 ms': round(percentile(ackMs, 99)),
      'over 1 s % (Meta: < 1)': round((over1s / ackMs.length) * 100),
    },
  ],
)
const repliesRight =
  undelivered === 0 && extraSends <= OUTBOX_BATCH * kills.worker && sendsTo.size === acknowledged.size
if (lost === 0 && duplicates === 0 && acknowledged.size === MESSAGES && repliesRight) {
  process.stdout.write(
    `every acknowledged message stored exactly once, every reply sent (${extraSends} again after ${kills.worker} worker kills)\n`,
  )
} else {
  process.stdout.write(
    `MISMATCH: ${lost} lost, ${duplicates} stored twice; ${queuedReplies} replies for ${acknowledged.size} people, ${undelivered} not delivered, ${extraSends} sent beyond them, ${sendsTo.size} people reached\n`,
  )
  process.exitCode = 1
}
