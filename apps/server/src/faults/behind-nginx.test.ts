// The scale-out topology for real, on loopback: two web instances and a worker on one PostgreSQL,
// behind Debian's nginx (websockets included). What the people write through the proxy reaches a
// console connected through it whichever instance took it; a reply is delivered once; killing a
// web instance (SIGKILL) loses nothing, in the middle of a 1,000-message burst or between rounds:
// the proxy sends the next requests to the other, and the console's socket comes back by itself.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createKeyring } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { MessageView, WidgetMessage } from '@ascolto/protocol'
import { io, type Socket } from 'socket.io-client'
import { burstThroughCrash } from '../testing/burst-through-crash.ts'
import { eventually } from '../testing/eventually.ts'
import { type Nginx, startNginx } from '../testing/nginx.ts'
import { openProviderIds } from '../testing/sealed.ts'
import { connectWidget } from '../testing/sockets.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { call, makeHelpline, makeOperator, visitorToken } from '../testing/test-server.ts'

describe('two web instances and a worker behind nginx', () => {
  let database: TestDatabase
  let dataDir: string
  let proxy: Nginx
  const web: SpawnedAscolto[] = []
  let worker: SpawnedAscolto

  let shared: Record<string, string>
  const startWeb = (index: number, port = '0') =>
    spawnAscolto({
      ...shared,
      ASCOLTO_ROLE: 'web',
      ASCOLTO_DATA_DIR: path.join(dataDir, `web${index}`),
      PORT: port,
    })

  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-nginx-'))
    shared = { DATABASE_URL: database.url, ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex') }
    for (const index of [0, 1]) web.push(await startWeb(index))
    worker = await spawnAscolto({
      ...shared,
      ASCOLTO_ROLE: 'worker',
      ASCOLTO_DATA_DIR: path.join(dataDir, 'worker'),
    })
    proxy = await startNginx(
      web.map((instance) => new URL(instance.url.replace('localhost', '127.0.0.1')).host),
    )
  })
  after(async () => {
    await proxy?.stop()
    for (const instance of [...web, worker]) if (instance) await stopAscolto(instance)
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged message of a 1,000-message burst when one instance is killed in it', async () => {
    const line = await makeHelpline(database.pool)
    const messages = Array.from({ length: 1000 }, (_, i) => ({
      key: randomUUID(),
      token: visitorToken(),
      text: `raffica ${i}`,
    }))
    const send = async (url: string, m: (typeof messages)[number]) =>
      (
        await call(`${url}/api/widget/v1/channels/${line.channelId}/messages`, {
          token: m.token,
          body: { clientId: m.key, text: m.text },
        })
      ).status
    const victim = web[0] as SpawnedAscolto
    // the burst goes to the proxy; the instance is killed a quarter of the way through it
    const acknowledged = await burstThroughCrash({ ...victim, url: proxy.url }, messages, send, {
      killAt: 250,
    })
    const stored = async () =>
      new Set(
        (
          await openProviderIds(
            database.pool,
            createKeyring(Buffer.from(shared.ASCOLTO_MASTER_KEY ?? '', 'hex')),
            {
              channelId: line.channelId,
            },
          )
        ).map((id) => id.split(':')[1]),
      )
    const afterKill = await stored()
    assert.deepEqual(
      acknowledged.filter((key) => !afterKill.has(key)),
      [],
      'every acknowledged message is stored',
    )
    // the proxy sent the rest to the other instance: next to nothing was refused
    assert.ok(acknowledged.length >= 990, `acknowledged ${acknowledged.length} of 1000`)
    // the widgets resend what they did not see acknowledged (here: everything), stored once each
    for (const m of messages) assert.ok([200, 201].includes(await send(proxy.url, m)))
    const { rows } = await database.pool.query<{ n: number }>(
      'select count(*)::int as n from message where channel_id = $1',
      [line.channelId],
    )
    assert.equal(rows[0]?.n, 1000)
    assert.equal((await stored()).size, 1000)
    // the killed instance comes back on its port, for what follows; nginx tries it again once its
    // fail_timeout (5 s) has passed
    web[0] = await startWeb(0, new URL(victim.url).port)
    await new Promise((resolve) => setTimeout(resolve, 5500))
  })

  it('carries every message to the console across instances, delivers once, and survives losing one', async () => {
    const line = await makeHelpline(database.pool)
    const volunteer = await makeOperator({ pool: database.pool, url: proxy.url }, [
      { helplineId: line.helplineId, role: 'volunteer' },
    ])
    // two consoles' sockets through the proxy, one after the other: round-robin puts them on
    // different instances; each comes back by itself after a loss
    const consoles = [0, 1].map(() => ({ seen: new Set<string>(), lost: 0 }))
    const sockets: Socket[] = []
    for (const state of consoles) {
      const socket = io(`${proxy.url}/console`, {
        transports: ['websocket'],
        extraHeaders: { cookie: volunteer.cookie },
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
      })
      // by id: a console that has not opened a conversation hears its messages without their text
      socket.on('message.created', (message: MessageView) => {
        if (message.direction === 'inbound') state.seen.add(message.id)
      })
      socket.on('disconnect', () => {
        state.lost++
      })
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', reject)
      })
      sockets.push(socket)
    }
    const allSeen = (ids: string[]) => consoles.every((c) => ids.every((id) => c.seen.has(id)))
    const people = Array.from({ length: 10 }, () => visitorToken())
    /** Each person writes once; answers the messages' ids. */
    const write = async (round: string) => {
      const answers = await Promise.all(
        people.map((token, i) =>
          call(`${proxy.url}/api/widget/v1/channels/${line.channelId}/messages`, {
            token,
            body: { clientId: randomUUID(), text: `${round} ${i}` },
          }),
        ),
      )
      const statuses = answers.map((answer) => answer.status)
      assert.deepEqual(new Set(statuses), new Set([201]), `${round}: ${statuses.join(',')}`)
      return answers.map((answer) => answer.body.id as string)
    }
    try {
      // round-robin: both instances take some of them, the console hears all
      const first = await write('prima')
      await eventually('the first round on both consoles', () => allSeen(first), 15_000)

      // a reply through the proxy, delivered once by the worker to the person's widget
      const own = (
        await call(`${proxy.url}/api/conversations?status=waiting&helplineId=${line.helplineId}`, {
          cookie: volunteer.cookie,
        })
      ).body.conversations.find((c: { preview: string }) => c.preview === 'prima 0')
      const widget = await connectWidget(proxy.url, line.channelId, people[0] ?? '')
      const received: WidgetMessage[] = []
      widget.on('message', (m: WidgetMessage) => received.push(m))
      assert.ok(own)
      assert.equal(
        (await call(`${proxy.url}/api/conversations/${own.id}/take`, { cookie: volunteer.cookie, body: {} }))
          .status,
        200,
      )
      const reply = await call(`${proxy.url}/api/conversations/${own.id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'una risposta sola' },
      })
      assert.equal(reply.status, 201)
      await eventually('the reply at the widget', () => received.length > 0, 15_000)
      // a second reply must arrive after any copy of the first: then the widget has had each once
      const later = await call(`${proxy.url}/api/conversations/${own.id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'e poi una seconda' },
      })
      assert.equal(later.status, 201)
      await eventually(
        'the second reply at the widget',
        () => received.some((m) => m.text === 'e poi una seconda'),
        15_000,
      )
      assert.deepEqual(
        received.map((m) => m.text),
        ['una risposta sola', 'e poi una seconda'],
      )
      widget.disconnect()

      // one web instance dies: the next requests go to the other, and the console that was on it
      // comes back through the proxy
      web[0]?.child.kill('SIGKILL')
      await web[0]?.exited
      await eventually('a console losing its instance', () => consoles.some((c) => c.lost > 0), 15_000)
      await eventually(
        'both consoles connected again',
        () => sockets.every((socket) => socket.connected),
        15_000,
      )
      const second = await write('dopo')
      await eventually('the second round on both consoles', () => allSeen(second), 15_000)

      const { rows } = await database.pool.query<{ n: number; distinct: number }>(
        `select count(*)::int as n, count(distinct provider_message_id)::int as distinct
           from message where channel_id = $1 and direction = 'inbound'`,
        [line.channelId],
      )
      assert.deepEqual(rows[0], { n: 20, distinct: 20 })
    } finally {
      for (const socket of sockets) socket.disconnect()
    }
  })
})
