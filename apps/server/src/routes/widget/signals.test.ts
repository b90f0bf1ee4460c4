// Typing and "seen" both ways between a widget and the consoles of its helpline, over the real
// sockets; a console of another helpline cannot signal the visitor.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { io, type Socket } from 'socket.io-client'
import { nextEvent } from '../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

describe('typing and seen between the widget and the console', () => {
  let server: TestServer
  const sockets: Socket[] = []
  after(async () => {
    for (const socket of sockets) socket.disconnect()
    await server?.close()
  })
  before(async () => {
    server = await startTestServer()
  })

  // Each socket on its own connection: socket.io-client otherwise shares one per server, and with
  // it the first socket's cookie (or none).
  const connect = async (namespace: string, options: { cookie?: string; auth?: object }) => {
    const socket = io(`${server.url}${namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: options.cookie ? { cookie: options.cookie } : {},
      auth: options.auth,
    })
    sockets.push(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    return socket
  }

  const ack = (socket: Socket, payload: unknown) =>
    new Promise<boolean>((resolve) => socket.emit('operator.signal', payload, resolve))

  it('carries the visitor’s signals to the helpline’s consoles and the volunteer’s back', async () => {
    const { helplineId, channelId } = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    const { cookie } = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const { cookie: strangerCookie } = await makeOperator(server, [
      { helplineId: other.helplineId, role: 'volunteer' },
    ])
    const token = visitorToken()
    const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'Ciao' },
    })
    assert.equal(sent.status, 201)
    const { rows } = await server.pool.query<{ conversation_id: string }>(
      'select conversation_id from message where id = $1',
      [sent.body.id],
    )
    const conversationId = rows[0]?.conversation_id

    const widget = await connect('/widget', { auth: { channelId, token } })
    const desk = await connect('/console', { cookie })
    const stranger = await connect('/console', { cookie: strangerCookie })

    // visitor → consoles of the helpline only
    const heard = nextEvent(desk, 'visitor.signal')
    const strangerHeard: unknown[] = []
    stranger.on('visitor.signal', (signal) => strangerHeard.push(signal))
    widget.emit('typing', true)
    assert.deepEqual(await heard, { conversationId, typing: true })
    const seenReply = randomUUID()
    const seen = nextEvent(desk, 'visitor.signal')
    widget.emit('seen', seenReply)
    assert.deepEqual(await seen, { conversationId, seenMessageId: seenReply })

    // volunteer → visitor; a console of another helpline is refused
    const typingHeard = nextEvent<boolean>(widget, 'typing')
    const seenByHelpline = nextEvent<string>(widget, 'seen')
    assert.equal(await ack(stranger, { conversationId, typing: true }), false)
    assert.equal(await ack(desk, { conversationId, typing: false, seenMessageId: sent.body.id }), true)
    // the first typing the widget hears is the helpline's: the stranger's was never relayed
    assert.equal(await typingHeard, false)
    assert.equal(await seenByHelpline, sent.body.id)
    assert.deepEqual(strangerHeard, [])

    // nonsense and closed conversations relay nothing
    assert.equal(await ack(desk, { conversationId: 'not-an-id', typing: true }), false)
    assert.equal(await ack(desk, { conversationId: randomUUID(), typing: true }), false)
    await server.pool.query(`update conversation set status = 'closed', closed_at = now() where id = $1`, [
      conversationId,
    ])
    assert.equal(await ack(desk, { conversationId, typing: true }), false)
  })
})
