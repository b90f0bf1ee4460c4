// An Ascolto started in the bench's own process (the same code the spawned one runs), with a
// helpline and a WhatsApp channel on the fake Meta: for counting its statements
// (bench/statements.ts) and profiling its CPU (bench/profile-inbound.ts).
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '@ascolto/config'
import { createHelpline } from '@ascolto/core'
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

export async function startInProcessAscolto(db: BenchDatabase) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-bench-in-process-'))
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
  return {
    /** One signed webhook with one text message from this number; throws unless answered 200. */
    send: async (phone: string, text: string) => {
      const payload = whatsappPayload({ messages: [whatsappText({ phone }, text)] })
      const answer = await postWhatsAppWebhook(channel.webhookUrl, channel.appSecret, payload)
      if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`)
    },
    stop: async () => {
      await fake.close()
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
