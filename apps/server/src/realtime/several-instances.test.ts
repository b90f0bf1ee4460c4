// Several Ascolto processes on one PostgreSQL: what happens on one is seen from the others.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { ConversationView, MessageView, WidgetMessage } from '@ascolto/protocol'
import { eventually } from '../testing/eventually.ts'
import { connectConsole, connectWidget, nextEvent } from '../testing/sockets.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { call, makeHelpline, makeOperator, visitorToken } from '../testing/test-server.ts'

describe('two web instances and a worker on one database', () => {
  let database: TestDatabase
  let dataDir: string
  const instances: SpawnedAscolto[] = []

  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-instances-'))
    const shared = { DATABASE_URL: database.url, ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex') }
    for (const role of ['web', 'web', 'worker']) {
      instances.push(
        await spawnAscolto({
          ...shared,
          ASCOLTO_ROLE: role,
          ASCOLTO_DATA_DIR: path.join(dataDir, String(instances.length)),
        }),
      )
    }
  })
  after(async () => {
    for (const instance of instances) await stopAscolto(instance)
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('pushes a message ingested on one to a console on the other, and delivers the reply once', async () => {
    const [a, b] = instances as [SpawnedAscolto, SpawnedAscolto]
    const line = await makeHelpline(database.pool)
    const volunteer = await makeOperator({ pool: database.pool, url: b.url }, [
      { helplineId: line.helplineId, role: 'volunteer' },
    ])
    const consoleOnB = await connectConsole(b.url, volunteer.cookie)
    const token = visitorToken()
    const widgetOnA = await connectWidget(a.url, line.channelId, token)
    try {
      const seen = nextEvent<ConversationView>(consoleOnB, 'conversation.updated')
      const posted = await call(`${a.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token,
        body: { clientId: randomUUID(), text: 'scrivo sul primo' },
      })
      assert.equal(posted.status, 201)
      const conversation = await seen
      // B's console has not opened it: it hears of it across instances, without its text
      assert.equal(conversation.status, 'waiting')
      assert.equal(conversation.withheld, true)

      // the reply is written through B, delivered by the worker process, pushed to the widget on A
      await call(`${b.url}/api/conversations/${conversation.id}/take`, { cookie: volunteer.cookie, body: {} })
      const delivered = nextEvent<MessageView>(consoleOnB, 'message.updated', (m) => m.status === 'sent')
      const received: WidgetMessage[] = []
      widgetOnA.on('message', (m: WidgetMessage) => received.push(m))
      const reply = await call(`${b.url}/api/conversations/${conversation.id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'ti rispondo dal secondo' },
      })
      assert.equal(reply.status, 201)
      assert.equal((await delivered).id, reply.body.id)
      // a second reply, which must arrive after any copy of the first: then the widget has had each once
      const later = await call(`${b.url}/api/conversations/${conversation.id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'e ancora una' },
      })
      assert.equal(later.status, 201)
      await eventually('the second reply on A', () => received.some((m) => m.text === 'e ancora una'), 15_000)
      assert.deepEqual(
        received.map((m) => m.text),
        ['ti rispondo dal secondo', 'e ancora una'],
      )
    } finally {
      consoleOnB.disconnect()
      widgetOnA.disconnect()
    }
  })
})
