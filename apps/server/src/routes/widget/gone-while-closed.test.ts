// A person who writes in the web chat while the line is closed is told when it will answer, and
// closes the page: their conversation waits in the queue until its due time (the grace time of a
// person who left does not end it), and only then, unanswered, ends as abandoned.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, endGoneVisitors, importHelplineSettings, VISITOR_GONE_MINUTES } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import type { ConversationView } from '@ascolto/protocol'
import { connectConsole, connectWidget, nextEvent } from '../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

const DAY = 86_400_000
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe('a web chat written while the line is closed, then left', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let supervisor: { userId: string; cookie: string }

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const settings = defaultSettings('Linea', 'Europe/Rome', 'it')
    // open day and night, but closed from yesterday to the day after tomorrow (a break): whatever
    // the hour the test runs, the line is closed now and its due time is days away
    await importHelplineSettings(server.pool, line.helplineId, {
      ...settings,
      opening: {
        ...settings.opening,
        closures: [{ from: isoDate(Date.now() - DAY), to: isoDate(Date.now() + 2 * DAY) }],
      },
    })
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }])
  })
  after(() => server.close())

  const view = async (id: string): Promise<ConversationView> =>
    (await call(`${server.url}/api/conversations/${id}`, { cookie: supervisor.cookie })).body.conversation
  const sweep = (at: Date) =>
    withTransaction(server.pool, (tx, afterCommit) =>
      endGoneVisitors({ tx, afterCommit, services: server.services }, at),
    )

  it('waits in the queue past the grace time, until its due time', async () => {
    const consoleSocket = await connectConsole(server.url, supervisor.cookie)
    try {
      const token = visitorToken()
      const widget = await connectWidget(server.url, line.channelId, token)
      const sent = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token,
        body: { clientId: randomUUID(), text: 'Scrivo anche se siete chiusi' },
      })
      assert.equal(sent.status, 201)
      const { rows } = await server.pool.query<{ id: string }>(
        `select c.id from conversation c join contact_identity ci
            on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
          where ci.channel_id = $1 and ci.address_hash = $2`,
        [line.channelId, server.services.keyring.hashAddress(line.helplineId, token)],
      )
      const id = rows[0]?.id ?? ''
      const away = nextEvent<ConversationView>(
        consoleSocket,
        'conversation.updated',
        (c) => c.id === id && c.personAwaySince !== null,
      )
      widget.close()
      await away

      const waiting = await view(id)
      assert.equal(waiting.status, 'waiting')
      assert.ok(waiting.dueAt)
      const due = new Date(waiting.dueAt).getTime()
      assert.ok(due > Date.now() + DAY, 'due after the break')

      // long past the grace time, still before its due time: it waits for an answer
      assert.equal(await sweep(new Date(Date.now() + (VISITOR_GONE_MINUTES + 1) * 60_000)), 0)
      assert.equal(await sweep(new Date(due - 60_000)), 0)
      const still = await view(id)
      assert.equal(still.status, 'waiting')
      assert.equal(still.personLeftAt, null)

      // its due time passed with nobody answering: it ends as abandoned, as any other
      assert.equal(await sweep(new Date(due + 60_000)), 1)
      assert.equal((await view(id)).status, 'closed')
    } finally {
      consoleSocket.close()
    }
  })
})
