// PostgreSQL out of reach under load: nothing is acknowledged that was not stored (a 5xx, never a
// 2xx), readiness says so, the consoles are told, the process stays up, and once the database is
// back it recovers by itself; what the senders retry is stored once: the widget's messages, and a
// WhatsApp webhook that Meta posts again until it is acknowledged.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createKeyring, type Services, silentPublisher } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { type CuttableProxy, startCuttableProxy } from '../testing/cuttable-proxy.ts'
import { eventually } from '../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  newWamid,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../testing/sockets.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { call, makeHelpline, makeOperator, visitorToken } from '../testing/test-server.ts'

describe('the database out of reach, then back', () => {
  let database: TestDatabase
  let dataDir: string
  let proxy: CuttableProxy
  let ascolto: SpawnedAscolto
  const masterKey = randomBytes(32).toString('hex')
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-outage-'))
    const url = new URL(database.url)
    proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) })
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    ascolto = await spawnAscolto({
      DATABASE_URL: url.toString(),
      ASCOLTO_MASTER_KEY: masterKey,
      ASCOLTO_DATA_DIR: dataDir,
    })
  })
  after(async () => {
    if (ascolto) await stopAscolto(ascolto)
    await proxy?.close()
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('answers 5xx while it cannot store, and takes the retries once when the database is back', async () => {
    const line = await makeHelpline(database.pool)
    const messages = Array.from({ length: 60 }, (_, i) => ({
      token: visitorToken(),
      clientId: randomUUID(),
      text: `m ${i}`,
    }))
    const send = (m: (typeof messages)[number]) =>
      call(`${ascolto.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token: m.token,
        body: { clientId: m.clientId, text: m.text },
      }).then(
        (r) => r.status,
        () => 0,
      )
    const before = await Promise.all(messages.slice(0, 20).map(send))
    assert.deepEqual(new Set(before), new Set([201]))
    // a volunteer's console, told when the database goes and comes back
    const volunteer = await makeOperator({ pool: database.pool, url: ascolto.url }, [
      { helplineId: line.helplineId, role: 'volunteer' },
    ])
    const desk = await connectConsole(ascolto.url, volunteer.cookie)
    const lost = nextEvent<{ database: string }>(
      desk,
      'service.state',
      (s) => s.database === 'unreachable',
      15_000,
    )

    await proxy.cut()
    const during = await Promise.all(messages.slice(20, 40).map(send))
    for (const status of during)
      assert.ok(status >= 500, `answered ${status} without a database:\n${ascolto.output().slice(-3000)}`)
    assert.equal((await call(`${ascolto.url}/ready`)).status, 503)
    assert.equal((await call(`${ascolto.url}/health`)).status, 200)
    await lost
    const back = nextEvent<{ database: string }>(
      desk,
      'service.state',
      (s) => s.database === 'reachable',
      15_000,
    )

    await proxy.restore()
    const deadline = Date.now() + 20_000
    while ((await call(`${ascolto.url}/ready`)).status !== 200) {
      assert.ok(Date.now() < deadline, 'did not recover')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // the senders retry what was refused, and send the rest
    const after = await Promise.all(messages.slice(20).map(send))
    assert.deepEqual(new Set(after), new Set([201]))
    const { rows } = await database.pool.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct provider_message_id)::int as distinct
         from message where channel_id = $1`,
      [line.channelId],
    )
    assert.deepEqual(rows[0], { n: 60, distinct: 60 })
    assert.equal(ascolto.child.exitCode, null, 'the process stayed up')
    await back
    desk.disconnect()
  })

  it('answers a WhatsApp webhook 5xx while it cannot store, and stores Meta’s retries once when the database is back', async () => {
    const fake = await startFakeWhatsApp()
    try {
      const { helplineId } = await makeHelpline(database.pool)
      // the channel is connected under the spawned Ascolto's own master key
      const services: Services = {
        keyring: createKeyring(Buffer.from(masterKey, 'hex')),
        publisher: silentPublisher,
        clock: () => new Date(),
      }
      const door = await connectFakeWhatsApp({ pool: database.pool, services, url: ascolto.url }, fake, {
        helplineId,
      })
      const phone = '393479876501'
      const body = JSON.stringify(
        whatsappPayload({ messages: [whatsappText({ phone }, 'sono senza luce', newWamid(phone))] }),
      )
      const post = () => postWhatsAppWebhook(door.webhookUrl, door.appSecret, body).then((r) => r.status)

      await proxy.cut()
      try {
        const during = await post()
        assert.ok(during >= 500, `answered ${during} without a database:\n${ascolto.output().slice(-3000)}`)
      } finally {
        await proxy.restore()
      }
      // Meta posts the same body again until it is acknowledged, and may post it once more after
      await eventually(
        'a retry acknowledged once the database is back',
        async () => (await post()) === 200,
        20_000,
      )
      assert.equal(await post(), 200)
      const { rows } = await database.pool.query<{ n: number }>(
        `select count(*)::int as n from message where channel_id = $1`,
        [door.channelId],
      )
      assert.equal(rows[0]?.n, 1)
      assert.equal(ascolto.child.exitCode, null, 'the process stayed up')
    } finally {
      await fake.close()
    }
  })
})
