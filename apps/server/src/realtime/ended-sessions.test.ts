// The instance's LISTEN for ended sessions is in place once it has started, and outlives a database
// restart: it is taken again, and a sign-out everywhere still drops the member's open console at once.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { SESSIONS_ENDED_CHANNEL } from '@ascolto/core'
import { createPool } from '@ascolto/db'
import { createTestDatabase } from '@ascolto/db/testing'
import type { FastifyBaseLogger } from 'fastify'
import { holdingConnections } from '../testing/holding-pool.ts'
import { connectConsole } from '../testing/sockets.ts'
import { call, makeHelpline, makeOperator, startTestServer, type TestServer } from '../testing/test-server.ts'
import { createSocketServer } from './socket-server.ts'

describe('the ended-sessions listener', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(() => server.close())

  /**
   * The backend of this instance that listens for ended sessions, once it has said LISTEN; not
   * `ended`, which pg_stat_activity may still list for a moment after it was terminated.
   */
  const listener = async (ended?: number) => {
    for (;;) {
      const { rows } = await server.pool.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname = current_database() and query = $1 and pid is distinct from $2`,
        [`listen ${SESSIONS_ENDED_CHANNEL}`, ended ?? null],
      )
      if (rows[0]) return rows[0].pid
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('listens again after the database ended its connection, and drops a signed-out console', async () => {
    const line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const member = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const first = await listener()
    await server.pool.query('select pg_terminate_backend($1)', [first])
    // a new connection listens (the test times out if none does)
    await listener(first)

    const socket = await connectConsole(server.url, member.cookie)
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve))
    const out = await call(
      `${server.url}/api/helplines/${line.helplineId}/members/${member.userId}/sign-out`,
      {
        cookie: coordinator.cookie,
        body: {},
      },
    )
    assert.equal(out.status, 204)
    assert.equal(await dropped, 'io server disconnect')
  })
})

describe('an instance starting', () => {
  it('says it listens only once its ended sessions and its realtime adapter both listen', async () => {
    const database = await createTestDatabase()
    const pool = createPool(database.url)
    const { slowPool, letThrough } = holdingConnections(pool)
    const log = { warn: () => {} } as unknown as FastifyBaseLogger
    const { io, listening } = createSocketServer(slowPool, log, { trustProxy: 'loopback' })
    io.attach(createServer())
    try {
      let heard = false
      const said = listening.then(() => {
        heard = true
      })
      // a query answered while the connections are held: it cannot have said it yet
      await database.pool.query('select 1')
      assert.equal(heard, false)
      letThrough()
      await said
      const { rows } = await database.pool.query<{ listening: string }>(
        `select case when query like 'LISTEN "socket.io#%' then 'adapter' else query end as listening
           from pg_stat_activity
          where datname = current_database() and state = 'idle'
            and (query = $1 or query like 'LISTEN "socket.io#%')`,
        [`listen ${SESSIONS_ENDED_CHANNEL}`],
      )
      assert.deepEqual(rows.map((row) => row.listening).sort(), [
        'adapter',
        `listen ${SESSIONS_ENDED_CHANNEL}`,
      ])
    } finally {
      await new Promise((resolve) => io.close(resolve))
      await pool.end()
      await database.drop()
    }
  })
})
