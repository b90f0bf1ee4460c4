// Logs carry ids, never content, on WhatsApp too: a handshake, a message in, a reply out and its
// status, logged at trace level, leave no text, phone number, business-scoped id or secret.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { addMembership, createHelpline, createKeyring, createUser, type Services } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappStatus,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import { spawnAscolto, stopAscolto } from '../../testing/spawn-ascolto.ts'
import { call, TEST_PASSWORD } from '../../testing/test-server.ts'

describe('WhatsApp logs', () => {
  let database: TestDatabase
  let dataDir: string
  let fake: FakeWhatsApp
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-wa-logs-'))
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake.close()
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('carry no text, number, business-scoped id, token or secret', async () => {
    const masterKey = randomBytes(32).toString('hex')
    const ascolto = await spawnAscolto({
      DATABASE_URL: database.url,
      ASCOLTO_DATA_DIR: dataDir,
      ASCOLTO_MASTER_KEY: masterKey,
      LOG_LEVEL: 'trace',
    })
    try {
      const services = { keyring: createKeyring(Buffer.from(masterKey, 'hex')) } as Services
      const helpline = await createHelpline(database.pool, { slug: 'wa-logs', name: 'Linea' })
      const channel = await connectFakeWhatsApp({ pool: database.pool, services, url: ascolto.url }, fake, {
        helplineId: helpline.id,
      })
      const handshake = await fetch(
        `${channel.webhookUrl}?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${channel.verifyToken}`,
      )
      assert.equal(handshake.status, 200)

      const phone = `39347${randomBytes(3).readUIntBE(0, 3)}`
      const userId = `IT.${randomBytes(8).readBigUInt64BE()}`
      const secret = `il mio segreto ${randomUUID()}`
      const written = await postWhatsAppWebhook(
        channel.webhookUrl,
        channel.appSecret,
        whatsappPayload({ messages: [whatsappText({ phone, userId }, secret)] }),
      )
      assert.equal(written.status, 200)

      const email = `${randomBytes(5).toString('hex')}@example.org`
      const user = await createUser(database.pool, {
        email,
        displayName: 'Volontaria',
        password: TEST_PASSWORD,
      })
      await addMembership(database.pool, { userId: user.id, helplineId: helpline.id, role: 'volunteer' })
      const signIn = await call(`${ascolto.url}/api/session`, { body: { email, password: TEST_PASSWORD } })
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const [conversation] = (await call(`${ascolto.url}/api/conversations`, { cookie })).body.conversations
      await call(`${ascolto.url}/api/conversations/${conversation.id}/take`, { cookie, body: {} })
      const answer = `risposta riservata ${randomUUID()}`
      const before = fake.sent.length
      await call(`${ascolto.url}/api/conversations/${conversation.id}/messages`, {
        cookie,
        body: { text: answer },
      })
      const [sent] = (await fake.waitForSent(before + 1)).slice(before)
      assert.ok(sent)
      // the status's own log line has reached the output before the process is stopped
      const webhookLines = () => ascolto.output().match(/"msg":"webhook"/g)?.length ?? 0
      const logged = webhookLines()
      await postWhatsAppWebhook(
        channel.webhookUrl,
        channel.appSecret,
        whatsappPayload({ statuses: [whatsappStatus(sent.wamid, 'read')] }),
      )
      await eventually('the status webhook logged', () => webhookLines() > logged)
      await stopAscolto(ascolto)

      const output = ascolto.output()
      assert.match(output, /"msg":"webhook"/)
      for (const leak of [
        secret,
        answer,
        phone,
        userId,
        channel.verifyToken,
        channel.appSecret,
        fake.accessToken,
      ]) {
        assert.equal(output.includes(leak), false, `the logs contain ${leak}`)
      }
    } finally {
      await stopAscolto(ascolto)
    }
  })
})
