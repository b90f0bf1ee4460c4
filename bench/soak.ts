// Soak: 10,000 signed WhatsApp webhooks at three times a busy line's load, with the Ascolto
// process killed (SIGKILL) at random moments and started again, as Meta would keep posting and
// retrying. Afterwards the stored ids must equal the acknowledged ones (nothing acknowledged lost,
// nothing stored twice), or the run exits 1; printed beside Meta's published expectation for acknowledgements
// (median ≤ 250 ms, fewer than 1 % over 1 s). On the machine's PostgreSQL server.
//   node bench/soak.ts            (SOAK_MESSAGES, SOAK_RATE, SOAK_KILL_EVERY_SECONDS to change it)
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { whatsappConnection } from '@ascolto/channels'
import { connectChannel, createHelpline, createKeyring } from '@ascolto/core'
import { createPool, migrate } from '@ascolto/db'
import {
  newWamid,
  postWhatsAppWebhook,
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
const { config, secrets } = whatsappConnection({
  phoneNumberId: '109876543210123',
  accessToken: `EAAG${randomBytes(24).toString('hex')}`,
  appSecret: randomBytes(16).toString('hex'),
  verifyToken: randomBytes(12).toString('base64url'),
  graphBaseUrl: 'http://127.0.0.1:9',
})
const channel = await connectChannel(pool, createKeyring(Buffer.from(masterKey, 'hex')), {
  helplineId: helpline.id,
  kind: 'whatsapp',
  name: 'WhatsApp',
  config,
  secrets,
})
const env = { DATABASE_URL: db.url, ASCOLTO_MASTER_KEY: masterKey, ASCOLTO_DATA_DIR: dataDir }

let ascolto: SpawnedAscolto | undefined = await spawnAscolto(env)
let kills = 0
const acknowledged = new Set<string>()
const ackMs: number[] = []
let refused = 0
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
while (queue.length > 0 || inFlight.size > 0) {
  if (Date.now() > nextKill && ascolto) {
    ascolto.child.kill('SIGKILL')
    await ascolto.exited
    kills++
    const restarting = spawnAscolto(env)
    ascolto = undefined
    ascolto = await restarting
    nextKill = Date.now() + KILL_EVERY_SECONDS * 1000 * (0.5 + Math.random())
  }
  const message = queue.shift()
  if (!message) {
    await Promise.race(inFlight)
    continue
  }
  const due = started + (sent * 1000) / RATE
  if (due > Date.now()) await sleep(due - Date.now())
  sent++
  const url = `${ascolto?.url}/webhooks/whatsapp/${channel.id}`
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
        queue.push(message)
      }
    })
    .finally(() => inFlight.delete(request))
  inFlight.add(request)
}
if (ascolto) await stopAscolto(ascolto)

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
const over1s = ackMs.filter((ms) => ms > 1000).length
await pool.end()
await db.close()
await rm(dataDir, { recursive: true, force: true })

await report(
  'soak',
  `Soak: ${MESSAGES} webhooks at ${RATE}/s, the process killed ${kills} times`,
  { messages: MESSAGES, rate: RATE, kills },
  [
    {
      acknowledged: acknowledged.size,
      stored: stored.length,
      'acknowledged but lost': lost,
      'stored twice': duplicates,
      'refused, then retried': refused,
      'ack p50 ms (Meta: ≤ 250)': round(percentile(ackMs, 50)),
      'ack p99 ms': round(percentile(ackMs, 99)),
      'over 1 s % (Meta: < 1)': round((over1s / ackMs.length) * 100),
    },
  ],
)
if (lost === 0 && duplicates === 0 && acknowledged.size === MESSAGES) {
  process.stdout.write('every acknowledged message stored exactly once\n')
} else {
  process.stdout.write(`MISMATCH between acknowledged and stored: ${lost} lost, ${duplicates} stored twice\n`)
  process.exitCode = 1
}
