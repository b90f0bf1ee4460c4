import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, MessageView, WidgetMessage } from '@ascolto/protocol'
import { connectConsole, connectWidget, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('a conversation from the first message to the reply', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
  })
  after(() => server.close())

  const writeIn = (channelId: string, token: string, text: string) =>
    call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })

  it('reaches the queue live, is taken, answered and delivered to the widget', async () => {
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const consoleSocket = await connectConsole(server.url, volunteer.cookie)
    const token = visitorToken()
    const widgetSocket = await connectWidget(server.url, line.channelId, token)
    try {
      const arrived = nextEvent<ConversationView>(consoleSocket, 'conversation.updated')
      const sent = await writeIn(line.channelId, token, 'Ciao, ho bisogno di parlare con qualcuno')
      assert.equal(sent.status, 201)
      const live = await arrived
      assert.equal(live.status, 'waiting')
      // a console that has not opened it hears that it arrived, not what it says…
      assert.equal(live.preview, '')
      assert.equal(live.withheld, true)

      // …which it reads over the API, where the read is audited
      const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })
      assert.deepEqual(
        queue.body.conversations.map((c: ConversationView) => [c.id, c.preview]),
        [[live.id, 'Ciao, ho bisogno di parlare con qualcuno']],
      )

      const taken = await call(`${server.url}/api/conversations/${live.id}/take`, {
        cookie: volunteer.cookie,
        body: {},
      })
      assert.equal(taken.status, 200)
      assert.equal(taken.body.status, 'open')
      assert.equal(taken.body.assignee.id, volunteer.userId)

      const delivered = nextEvent<MessageView>(consoleSocket, 'message.updated', (m) => m.status === 'sent')
      const received = nextEvent<WidgetMessage>(widgetSocket, 'message')
      const reply = await call(`${server.url}/api/conversations/${live.id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: 'Ciao, sono qui. Ti ascolto.' },
      })
      assert.equal(reply.status, 201)
      assert.equal(reply.body.status, 'queued')
      assert.equal((await received).text, 'Ciao, sono qui. Ti ascolto.')
      assert.equal((await delivered).id, reply.body.id)

      const detail = await call(`${server.url}/api/conversations/${live.id}`, { cookie: volunteer.cookie })
      assert.deepEqual(
        detail.body.messages.map((m: MessageView) => [m.direction, m.status, m.text]),
        [
          ['inbound', 'received', 'Ciao, ho bisogno di parlare con qualcuno'],
          ['outbound', 'sent', 'Ciao, sono qui. Ti ascolto.'],
        ],
      )
      const transcript = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
        token,
      })
      assert.deepEqual(
        transcript.body.messages.map((m: WidgetMessage) => m.direction),
        ['inbound', 'outbound'],
      )
    } finally {
      consoleSocket.disconnect()
      widgetSocket.disconnect()
    }
  })

  it('lets one of two volunteers take a conversation, not both', async () => {
    const first = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const second = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const { body } = await writeIn(line.channelId, visitorToken(), 'buonasera')
    const conversationId = (
      await server.pool.query('select conversation_id from message where id = $1', [body.id])
    ).rows[0].conversation_id
    const results = await Promise.all(
      [first, second].map((v) =>
        call(`${server.url}/api/conversations/${conversationId}/take`, { cookie: v.cookie, body: {} }),
      ),
    )
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409])
    const loser = results.find((r) => r.status === 409)
    assert.equal(loser?.body.code, 'ASCOLTO_ERR_CONVERSATION_TAKEN')
    // a reply from whoever did not take it is refused
    const loserCookie = results[0]?.status === 409 ? first.cookie : second.cookie
    const refused = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
      cookie: loserCookie,
      body: { text: 'rispondo anch’io' },
    })
    assert.equal(refused.status, 409)
  })

  it('keeps each helpline behind its wall', async () => {
    const outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    const { body } = await writeIn(line.channelId, visitorToken(), 'solo per la mia linea')
    const conversationId = (
      await server.pool.query('select conversation_id from message where id = $1', [body.id])
    ).rows[0].conversation_id

    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: outsider.cookie })
    assert.equal(queue.status, 200)
    assert.ok(!queue.body.conversations.some((c: ConversationView) => c.id === conversationId))
    // asking for the other helpline's queue by name: forbidden
    const named = await call(`${server.url}/api/conversations?helplineId=${line.helplineId}`, {
      cookie: outsider.cookie,
    })
    assert.equal(named.status, 403)
    // its conversation by id: as if it did not exist
    for (const [path, options] of [
      [`/api/conversations/${conversationId}`, {}],
      [`/api/conversations/${conversationId}/take`, { body: {} }],
      [`/api/conversations/${conversationId}/messages`, { body: { text: 'intrusione' } }],
      [`/api/conversations/${conversationId}/close`, { body: {} }],
    ] as const) {
      const response = await call(`${server.url}${path}`, { cookie: outsider.cookie, ...options })
      assert.equal(response.status, 404, path)
    }
    // and its live events never reach the outsider's console
    const outsiderSocket = await connectConsole(server.url, outsider.cookie)
    try {
      const leaked = nextEvent(outsiderSocket, 'message.created', () => true, 1500).then(
        () => true,
        () => false,
      )
      await writeIn(line.channelId, visitorToken(), 'ancora per la mia linea')
      assert.equal(await leaked, false)
    } finally {
      outsiderSocket.disconnect()
    }
  })

  it('requires a session, refuses other sites, and ends the session at sign-out', async () => {
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    assert.equal((await call(`${server.url}/api/conversations`)).status, 401)
    const crossSite = await call(`${server.url}/api/conversations/${randomUUID()}/take`, {
      cookie: volunteer.cookie,
      body: {},
      headers: { origin: 'https://evil.example' },
    })
    assert.equal(crossSite.status, 403)
    const signOut = await call(`${server.url}/api/session`, { method: 'DELETE', cookie: volunteer.cookie })
    assert.equal(signOut.status, 204)
    assert.equal((await call(`${server.url}/api/session`, { cookie: volunteer.cookie })).status, 401)
    const wrong = await call(`${server.url}/api/session`, {
      body: { email: volunteer.email, password: 'wrong' },
    })
    assert.equal(wrong.status, 401)
    assert.equal(wrong.body.code, 'ASCOLTO_ERR_BAD_CREDENTIALS')
  })
})
