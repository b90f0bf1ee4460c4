// The batched adapter: what one instance emits in one turn reaches the other in one NOTIFY, every
// event in its order; an event too long for a NOTIFY still arrives (as the adapter's attachment).
// An instance that has heard of no other sends its emits to nobody, and to the next as soon as it
// has heard of it.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createPool, type Pool } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import pg from 'pg'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { eventually } from '../testing/eventually.ts'
import { holdingConnections } from '../testing/holding-pool.ts'
import { BATCH_TYPE, createBatchedAdapter } from './batched-adapter.ts'

const CHANNEL = 'socket.io#/'
const ADAPTER_OPTIONS = { cleanupInterval: 10_000, errorHandler: () => {} }
/** The instances an instance's adapter counts: itself and those it has heard from. */
const instancesHeard = (server: Server) => server.of('/').adapter.serverCount()
/** An instance on its own HTTP server, and a client connecting to it over a websocket. */
function instanceWithClient(pool: Pool) {
  const http = createServer().listen(0)
  const server = new Server(http)
  const adapter = createBatchedAdapter(pool, ADAPTER_OPTIONS)
  server.adapter(adapter)
  const { port } = http.address() as AddressInfo
  const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false })
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  return { server, adapter, socket, connected }
}
/** The adapter's own messages that say an instance is alive (socket.io-adapter's MessageType). */
const HEARTBEATS: unknown[] = [1, 2]
/** The adapter's messages a NOTIFY carried: a batch's (every payload is one), or the payload itself. */
const messagesOf = (payload: string): Array<{ type: unknown }> => {
  const parsed = JSON.parse(payload)
  return parsed.type === BATCH_TYPE ? parsed.messages : [parsed]
}

describe('one NOTIFY for what an instance emits in one turn', () => {
  let database: TestDatabase
  let listener: pg.Client
  const notifications: string[] = []
  const servers: Server[] = []
  let client: Socket | undefined
  const received: unknown[][] = []
  /** The statements that carried NOTIFYs, by their payloads. */
  const notifyStatements: string[][] = []

  before(async () => {
    database = await createTestDatabase()
    listener = new pg.Client({ connectionString: database.url })
    await listener.connect()
    listener.on('notification', (message) => notifications.push(message.payload ?? ''))
    await listener.query(`listen "${CHANNEL}"`)
    const counted = new Proxy(database.pool, {
      get: (pool, key) =>
        key === 'query'
          ? (text: unknown, values?: unknown[]) => {
              if (String(text).includes('pg_notify'))
                notifyStatements.push((values?.slice(1) as string[]) ?? [])
              return pool.query(text as string, values)
            }
          : Reflect.get(pool, key),
    })
    const receiving = createServer().listen(0)
    for (const http of [createServer().listen(0), receiving]) {
      const server = new Server(http)
      server.adapter(createBatchedAdapter(counted, ADAPTER_OPTIONS))
      servers.push(server)
    }
    const { port } = receiving.address() as AddressInfo
    const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false })
    client = socket
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })
    socket.onAny((event, ...args) => received.push([event, ...args]))
    // both adapters take their LISTEN connection on their own time (a busy machine: after the
    // client has connected); what is emitted before the receiving one listens is never heard
    await eventually(
      'both instances listen',
      async () => {
        const { rows } = await database.pool.query<{ listening: number }>(
          `select count(*)::int as listening from pg_stat_activity
            where datname = current_database() and state = 'idle' and query = $1`,
          [`LISTEN "${CHANNEL}"`],
        )
        return rows[0]?.listening === 2
      },
      60_000,
    )
    // each sends to the other once it has heard of it: the announcement each makes once listening
    await eventually(
      'each instance has heard of the other',
      async () => (await Promise.all(servers.map(instancesHeard))).every((count) => count === 2),
      30_000,
    )
  })
  after(async () => {
    client?.disconnect()
    for (const server of servers) await server.close()
    await listener.end()
    await database.drop()
  })

  /** Resolves when `event` has reached the client on the other instance, and its NOTIFY the listener. */
  const arrived = (event: string) =>
    eventually(
      `${event} arrives`,
      () => received.some(([name]) => name === event) && notifications.some((n) => n.includes(event)),
      30_000,
    )

  it('sends six emits of one turn as one NOTIFY, and the other instance hears each, in order', async () => {
    const sender = servers[0] as Server
    const before = notifications.length
    for (let i = 1; i <= 6; i++) sender.emit('event', i)
    await arrived('event')
    // a later turn's emit, whose NOTIFY must come after the batch's: then the batch was all there was
    sender.emit('after-batch')
    await arrived('after-batch')
    // the adapters' heartbeats go on the same channel, alone or with what is emitted: not counted
    const ours = notifications
      .slice(before)
      .filter((n) => messagesOf(n).some((m) => !HEARTBEATS.includes(m.type)))
    assert.equal(ours.length, 2)
    assert.deepEqual(
      received.filter(([name]) => name === 'event').map(([, value]) => value),
      [1, 2, 3, 4, 5, 6],
    )
  })

  it('sends a turn too long for one NOTIFY in one statement, and the other instance hears each, in order', async () => {
    const sender = servers[0] as Server
    const before = notifyStatements.length
    // forty events of a kilobyte: several NOTIFYs' payloads
    for (let i = 1; i <= 40; i++) sender.emit('kilobyte', i, 'k'.repeat(1000))
    await eventually(
      'all forty arrive',
      () => received.filter(([name]) => name === 'kilobyte').length === 40,
      30_000,
    )
    const ours = notifyStatements
      .slice(before)
      .filter((payloads) => payloads.some((p) => p.includes('kilobyte')))
    assert.equal(ours.length, 1)
    assert.ok((ours[0]?.length ?? 0) >= 5, `${ours[0]?.length} payloads`)
    assert.deepEqual(
      received.filter(([name]) => name === 'kilobyte').map(([, value]) => value),
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
  })

  it('carries an event too long for a NOTIFY, after the ones emitted before it', async () => {
    const sender = servers[0] as Server
    const long = 'x'.repeat(20_000)
    sender.emit('short', 'before')
    sender.emit('long', long)
    await arrived('short')
    await eventually('long arrives', () => received.some(([name]) => name === 'long'), 30_000)
    const names = received.map(([name]) => name)
    assert.ok(names.indexOf('short') < names.indexOf('long'))
    assert.equal(received.find(([name]) => name === 'long')?.[1], long)
  })
})

describe('an instance stopped while its adapter is still taking its LISTEN connection', () => {
  it('gives the connection back, so the pool can end (a stop that hung on a busy machine)', async () => {
    const database = await createTestDatabase()
    const pool = createPool(database.url)
    try {
      // the adapter's connection is held on its way until the server has closed
      const { slowPool, letThrough } = holdingConnections(pool)
      const server = new Server(createServer())
      server.adapter(createBatchedAdapter(slowPool, ADAPTER_OPTIONS))
      await server.close()
      letThrough()
      // the connection taken after the close has said its LISTEN
      await eventually('the late connection listens', async () => {
        const { rowCount } = await database.pool.query(
          `select 1 from pg_stat_activity where datname = current_database() and query like 'LISTEN %'`,
        )
        return rowCount === 1
      })
      // a pool ends once every connection taken is given back: this one waited forever before
      const stuck = new Promise((_, reject) => {
        setTimeout(
          () => reject(new Error('the pool did not end: a connection is still checked out')),
          20_000,
        ).unref()
      })
      await Promise.race([pool.end(), stuck])
    } finally {
      await database.drop()
    }
  })
})

describe('an adapter says when it listens', () => {
  it('once its LISTEN is in place, not before: an instance opens to consoles only then', async () => {
    const database = await createTestDatabase()
    const pool = createPool(database.url)
    const server = new Server(createServer())
    try {
      const { slowPool, letThrough } = holdingConnections(pool)
      const adapter = createBatchedAdapter(slowPool, ADAPTER_OPTIONS)
      server.adapter(adapter)
      let listened = false
      const listening = adapter.listening.then(() => {
        listened = true
      })
      // a query answered while the connection is held: the adapter cannot have said it yet
      await database.pool.query('select 1')
      assert.equal(listened, false)
      letThrough()
      await listening
      const { rowCount } = await database.pool.query(
        `select 1 from pg_stat_activity
          where datname = current_database() and state = 'idle' and query = 'LISTEN "socket.io#/"'`,
      )
      assert.equal(rowCount, 1)
    } finally {
      await server.close()
      await pool.end()
      await database.drop()
    }
  })
})

describe('an emit to this instance’s own sockets', () => {
  it('reaches them while its NOTIFY is still on its way: they need none', async () => {
    const database = await createTestDatabase()
    const pool = createPool(database.url)
    let letNotifiesThrough = () => {}
    const notifiesHeld = new Promise<void>((resolve) => {
      letNotifiesThrough = resolve
    })
    let notifiesAsked = 0
    const holdingNotifies = new Proxy(pool, {
      get: (target, key) =>
        key === 'query'
          ? async (text: unknown, values?: unknown[]) => {
              // only the event's: the instances' announcements and heartbeats go through
              if (String(text).includes('pg_notify') && JSON.stringify(values).includes('local')) {
                notifiesAsked++
                await notifiesHeld
              }
              return target.query(text as string, values)
            }
          : Reflect.get(target, key, target),
    })
    const { server, adapter, socket, connected } = instanceWithClient(holdingNotifies)
    // another instance, heard: this one's emits are NOTIFYs again (alone, it sends none)
    const other = new Server(createServer())
    other.adapter(createBatchedAdapter(pool, ADAPTER_OPTIONS))
    try {
      await Promise.all([adapter.listening, connected])
      await eventually(
        'the other instance is heard',
        async () => (await instancesHeard(server)) === 2,
        30_000,
      )
      // bounded, so that a failure still lets the NOTIFY through and closes what the test opened
      const heard = new Promise((resolve) => {
        socket.once('local', resolve)
        setTimeout(() => resolve('not heard in 20 s'), 20_000).unref()
      })
      const asked = notifiesAsked
      server.emit('local', 1)
      assert.equal(await heard, 1)
      // its NOTIFY was asked for, and is held still
      await eventually('the emit’s NOTIFY is on its way', () => notifiesAsked > asked)
    } finally {
      letNotifiesThrough()
      socket.disconnect()
      await server.close()
      await other.close()
      await pool.end()
      await database.drop()
    }
  })
})

describe('an instance alone', () => {
  it('sends its emits to nobody, and to another instance once it has heard of it', async () => {
    const database = await createTestDatabase()
    const pool = createPool(database.url)
    const listener = new pg.Client({ connectionString: database.url })
    const notifications: string[] = []
    const { server: alone, adapter, socket, connected } = instanceWithClient(pool)
    const joining = new Server(createServer())
    try {
      await listener.connect()
      listener.on('notification', (message) => notifications.push(message.payload ?? ''))
      await listener.query(`listen "${CHANNEL}"`)
      await Promise.all([adapter.listening, connected])
      // its own socket hears it; no other instance has been heard of, so no NOTIFY carries it
      const heard = new Promise((resolve) => socket.once('unheard', resolve))
      alone.emit('unheard', 1)
      assert.equal(await heard, 1)
      joining.adapter(createBatchedAdapter(pool, ADAPTER_OPTIONS))
      await eventually(
        'the joining instance is heard',
        async () => (await instancesHeard(alone)) === 2,
        30_000,
      )
      alone.emit('heard', 2)
      // a NOTIFY of the same sender comes after one it sent before: had 'unheard' gone, it is here now
      await eventually('the emit after the other was heard is notified', () =>
        notifications.some((n) => n.includes('"heard"')),
      )
      assert.deepEqual(
        notifications.filter((n) => n.includes('unheard')),
        [],
      )
    } finally {
      socket.disconnect()
      await alone.close()
      await joining.close()
      await listener.end()
      await pool.end()
      await database.drop()
    }
  })
})
