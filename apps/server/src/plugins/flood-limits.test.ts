// A flood at the public doors slows its sender alone: a script starting chats from one address,
// one visitor posting without pause, an address hammering a webhook with unsigned requests. The
// real person on another address, and the provider signing its requests, are served meanwhile.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { io, type Socket } from 'socket.io-client'
import { eventually } from '../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../testing/fake-whatsapp.ts'
import { connectConsole, connectWidget } from '../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../testing/test-server.ts'
import { ANONYMOUS_SOCKETS_PER_ADDRESS, FLOOD_LIMITS, WIDGET_SOCKETS_PER_ADDRESS } from './flood-limits.ts'

describe('the public doors under a flood', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(() => server.close())

  // the test talks to Ascolto from loopback, a trusted proxy by default: it says whose address it relays
  const from = (address: string) => ({ 'x-forwarded-for': address })
  const write = (channelId: string, token: string, address: string, text = 'ciao') =>
    call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      headers: from(address),
      body: { clientId: randomUUID(), text },
    })
  const conversations = async (channelId: string) =>
    (await server.pool.query('select 1 from conversation where channel_id = $1', [channelId])).rowCount

  it('lets a script on one address start only a few chats, while a person elsewhere and the chats started go on', async () => {
    const { channelId } = await makeHelpline(server.pool)
    const { max } = FLOOD_LIMITS.newVisitorsPerAddress
    const tokens = Array.from({ length: max + 3 }, () => visitorToken())
    const answers = []
    for (const token of tokens) answers.push(await write(channelId, token, '203.0.113.7'))
    assert.deepEqual(
      answers.map((a) => a.status),
      [...Array(max).fill(201), 429, 429, 429],
    )
    const refused = answers[max]
    assert.equal(refused?.body.code, 'ASCOLTO_ERR_RATE_LIMITED')
    assert.ok(Number(refused?.headers.get('retry-after')) > 0)
    assert.equal(await conversations(channelId), max, 'nothing refused reached the queue')

    assert.equal((await write(channelId, visitorToken(), '198.51.100.20')).status, 201)
    // someone already talking, on the flooded address, goes on talking
    assert.equal((await write(channelId, tokens[0] ?? '', '203.0.113.7', 'ci sei?')).status, 201)
  })

  it('does not limit what a trusted proxy sends without naming the address: everyone would share it', async () => {
    const { channelId } = await makeHelpline(server.pool)
    const { max } = FLOOD_LIMITS.newVisitorsPerAddress
    for (let i = 0; i < max + 2; i++) {
      const answer = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
        token: visitorToken(),
        body: { clientId: randomUUID(), text: 'ciao' },
      })
      assert.equal(answer.status, 201)
    }
  })

  it('slows one visitor who posts without pause, and no one else on their address', async () => {
    const { channelId } = await makeHelpline(server.pool)
    const [script, person] = [visitorToken(), visitorToken()]
    const { max } = FLOOD_LIMITS.widgetPerVisitor
    const statuses = []
    for (let i = 0; i <= max; i++)
      statuses.push((await write(channelId, script, '203.0.113.8', `${i}`)).status)
    assert.deepEqual(statuses, [...Array(max).fill(201), 429])
    assert.equal((await write(channelId, person, '203.0.113.8')).status, 201)
  })

  it("refuses one address's widget sockets past its share, and takes them again as they close", async () => {
    const { channelId } = await makeHelpline(server.pool)
    const open = (address: string) => connectWidget(server.url, channelId, visitorToken(), from(address))
    const sockets = []
    for (let i = 0; i < WIDGET_SOCKETS_PER_ADDRESS; i++) sockets.push(await open('203.0.113.9'))
    try {
      await assert.rejects(open('203.0.113.9'), /ASCOLTO_ERR_RATE_LIMITED/)
      ;(await open('198.51.100.21')).close()
      sockets.pop()?.close()
      // the place comes back when the server sees the socket close: tried until it has
      await eventually('a place given back', () =>
        open('203.0.113.9').then(
          (socket) => sockets.push(socket) > 0,
          () => false,
        ),
      )
    } finally {
      for (const socket of sockets) socket.close()
    }
  })

  it('drops a visitor’s flood of typing before any query, and the console API answers meanwhile', async () => {
    const { helplineId, channelId } = await makeHelpline(server.pool)
    const token = visitorToken()
    assert.equal((await write(channelId, token, '203.0.113.30')).status, 201)
    const { cookie } = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const desk = await connectConsole(server.url, cookie)
    const widget = await connectWidget(server.url, channelId, token, from('203.0.113.30'))
    let heard = 0
    desk.on('visitor.signal', () => heard++)
    const pool = server.pool as unknown as { query: (...args: unknown[]) => unknown }
    const query = pool.query
    let queries = 0
    pool.query = (...args: unknown[]) => {
      queries++
      return query.apply(server.pool, args)
    }
    try {
      const flood = 20_000
      for (let i = 0; i < flood; i++) widget.emit('typing', i % 2 === 0)
      // the socket's packets are taken in order: this answer comes once every typing before it
      // has been handed to its handler, and each of those would have started its lookup by then
      const refused = await new Promise((resolve) => widget.emit('not-an-event', resolve))
      assert.deepEqual(refused, { code: 'ASCOLTO_ERR_FORBIDDEN', message: 'Event not allowed' })
      const { max } = FLOOD_LIMITS.widgetSignalsPerVisitor
      assert.ok(queries <= max * 4, `${queries} queries started for ${flood} typing signals`)
      const listed = await call(`${server.url}/api/conversations`, { cookie })
      assert.equal(listed.status, 200)
      // the allowance itself still reaches the console (fixed-window: at most max in this window)
      await eventually('the allowed typing reaches the console', () => heard >= 1)
      assert.ok(heard <= max)
    } finally {
      pool.query = query
      widget.close()
      desk.close()
    }
  })

  it('caps one address’s anonymous sockets on the default namespace, and takes them again as they close', async () => {
    const open = (address: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(server.url, {
          transports: ['websocket'],
          extraHeaders: from(address),
          reconnection: false,
          forceNew: true,
        })
        socket.once('connect', () => resolve(socket))
        socket.once('connect_error', (error) => {
          socket.close()
          reject(error)
        })
      })
    const sockets = []
    for (let i = 0; i < ANONYMOUS_SOCKETS_PER_ADDRESS; i++) sockets.push(await open('203.0.113.31'))
    try {
      await assert.rejects(open('203.0.113.31'), /ASCOLTO_ERR_RATE_LIMITED/)
      sockets.push(await open('198.51.100.31'))
      // the place is given back when the server sees the socket close
      const closing = sockets.shift()
      const closed = new Promise((resolve) => closing?.once('disconnect', resolve))
      closing?.close()
      await closed
      await eventually('a place given back', () =>
        open('203.0.113.31').then(
          (socket) => sockets.push(socket) > 0,
          () => false,
        ),
      )
    } finally {
      for (const socket of sockets) socket.close()
    }
  })

  describe('at a webhook', () => {
    let fake: FakeWhatsApp
    before(async () => {
      fake = await startFakeWhatsApp()
    })
    after(() => fake.close())

    it('refuses an address past its allowance before anything else, and takes the provider’s signed requests', async () => {
      const { helplineId } = await makeHelpline(server.pool)
      const door = await connectFakeWhatsApp(server, fake, { helplineId })
      const unsigned = () =>
        fetch(door.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...from('192.0.2.66') },
          body: '{}',
        }).then((r) => r.status)
      const { max } = FLOOD_LIMITS.webhookPerAddress
      const statuses = new Map<number, number>()
      for (let sent = 0; sent < max + 50; sent += 100) {
        const batch = await Promise.all(Array.from({ length: Math.min(100, max + 50 - sent) }, unsigned))
        for (const status of batch) statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
      assert.deepEqual(Object.fromEntries(statuses), { 401: max, 429: 50 })

      // the provider, from its own address, signing: taken
      const real = await postWhatsAppWebhook(
        door.webhookUrl,
        door.appSecret,
        whatsappPayload({ messages: [whatsappText({ phone: '393470001111' }, 'aiuto')] }),
      )
      assert.equal(real.status, 200)
    })
  })
})
