// Statements per inbound message, as the database sees them: an Ascolto started in this process
// (the same code the spawned one runs), every query its PostgreSQL clients send counted (with
// node-postgres each is one round trip; BEGIN and COMMIT included), one signed webhook at a time,
// for a person writing for the first time and for a person already in a conversation.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '@ascolto/config'
import { createHelpline } from '@ascolto/core'
import pg from 'pg'
import pino from 'pino'
import { startAscolto } from '../apps/server/src/main.ts'
import {
  connectFakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import type { BenchDatabase } from './lib.ts'

let counted = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
  counted++
  return query.apply(this, args)
} as typeof query

const MESSAGES = 20

export async function statementsPerMessage(db: BenchDatabase) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-statements-'))
  const running = await startAscolto(
    loadConfig({
      DATABASE_URL: db.url,
      ASCOLTO_DATA_DIR: dataDir,
      ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex'),
      PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    { logStream: pino.destination('/dev/null') },
  )
  const fake = await startFakeWhatsApp()
  const helpline = await createHelpline(running.pool, {
    slug: `bench-${randomBytes(3).toString('hex')}`,
    name: 'Bench',
  })
  const channel = await connectFakeWhatsApp(running, fake, { helplineId: helpline.id })
  const phone = (i: number) => `39344${String(i).padStart(7, '0')}`
  const send = async (i: number) => {
    const payload = whatsappPayload({ messages: [whatsappText({ phone: phone(i) }, `bench ${i}`)] })
    const answer = await postWhatsAppWebhook(channel.webhookUrl, channel.appSecret, payload)
    if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`)
  }
  const measure = async () => {
    counted = 0
    for (let i = 0; i < MESSAGES; i++) await send(i)
    return Math.round((counted / MESSAGES) * 10) / 10
  }
  // the first message of each person makes them; the same people's next ones find them waiting
  const newPerson = await measure()
  const inConversation = await measure()
  await fake.close()
  await running.stop()
  await rm(dataDir, { recursive: true, force: true })
  return { newPerson, inConversation }
}
