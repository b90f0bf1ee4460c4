import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import {
  call,
  makeHelpline,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

describe('widget API', () => {
  let server: TestServer
  let channelId: string
  const messagesUrl = () => `${server.url}/api/widget/v1/channels/${channelId}/messages`
  const count = async (table: string) =>
    Number((await server.pool.query(`select count(*) from ${table}`)).rows[0].count)

  before(async () => {
    server = await startTestServer()
    ;({ channelId } = await makeHelpline(server.pool))
  })
  after(() => server.close())

  it('tells the widget the helpline it speaks for, and caches nothing', async () => {
    const response = await call(`${server.url}/api/widget/v1/channels/${channelId}`)
    assert.equal(response.status, 200)
    assert.match(response.body.helplineName, /^Helpline /)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.equal(response.headers.get('set-cookie'), null)
  })

  it('stores a message once however often the widget resends it', async () => {
    const token = visitorToken()
    const clientId = randomUUID()
    const body = { clientId, text: 'Ciao, ho bisogno di parlare con qualcuno' }
    const first = await call(messagesUrl(), { token, body })
    assert.equal(first.status, 201)
    assert.equal(first.body.clientId, clientId)
    const again = await call(messagesUrl(), { token, body })
    assert.equal(again.status, 200)
    assert.equal(again.body.id, first.body.id)
    const transcript = await call(messagesUrl(), { token })
    assert.deepEqual(
      transcript.body.messages.map((m: { text: string }) => m.text),
      ['Ciao, ho bisogno di parlare con qualcuno'],
    )
  })

  it('keeps each visitor to their own conversation', async () => {
    const alice = visitorToken()
    const bob = visitorToken()
    const clientId = randomUUID()
    await call(messagesUrl(), { token: alice, body: { clientId, text: 'messaggio di Alice' } })
    // the same client id from another visitor is another message, not a way into Alice's
    const bobs = await call(messagesUrl(), { token: bob, body: { clientId, text: 'messaggio di Bob' } })
    assert.equal(bobs.status, 201)
    const seenByBob = await call(messagesUrl(), { token: bob })
    assert.deepEqual(
      seenByBob.body.messages.map((m: { text: string }) => m.text),
      ['messaggio di Bob'],
    )
    const stranger = await call(messagesUrl(), { token: visitorToken() })
    assert.deepEqual(stranger.body.messages, [])
  })

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = { messages: await count('message'), contacts: await count('contact') }
    const token = visitorToken()
    const cases = [
      { name: 'no token', options: { body: { clientId: randomUUID(), text: 'x' } }, status: 400 },
      {
        name: 'short token',
        options: { token: 'abc', body: { clientId: randomUUID(), text: 'x' } },
        status: 400,
      },
      { name: 'empty text', options: { token, body: { clientId: randomUUID(), text: '' } }, status: 400 },
      {
        name: 'text too long',
        options: { token, body: { clientId: randomUUID(), text: 'a'.repeat(4097) } },
        status: 400,
      },
      {
        name: 'object for id',
        options: { token, body: { clientId: { $ne: null }, text: 'x' } },
        status: 400,
      },
      {
        name: 'extra field',
        options: { token, body: { clientId: randomUUID(), text: 'x', admin: true } },
        status: 400,
      },
      { name: 'not JSON', options: { token, body: '{"clientId":', headers: {} }, status: 400 },
      {
        name: 'oversized',
        options: { token, body: { clientId: randomUUID(), text: 'a'.repeat(40_000) } },
        status: 413,
      },
    ]
    for (const { name, options, status } of cases) {
      const response = await call(messagesUrl(), options)
      assert.equal(response.status, status, name)
      assert.equal(typeof response.body.message, 'string', name)
      assert.match(response.body.code, /^(ASCOLTO_ERR|FST_)/, name)
    }
    assert.deepEqual({ messages: await count('message'), contacts: await count('contact') }, before)
  })

  it('answers 404 for a channel that does not exist, or is not a web chat', async () => {
    const token = visitorToken()
    const unknown = await call(`${server.url}/api/widget/v1/channels/${randomUUID()}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'x' },
    })
    assert.equal(unknown.status, 404)
    const notAnId = await call(`${server.url}/api/widget/v1/channels/not-an-id`)
    assert.equal(notAnId.status, 400)
  })

  it('stores the text and the visitor sealed, never in clear', async () => {
    const token = visitorToken()
    await call(messagesUrl(), { token, body: { clientId: randomUUID(), text: 'un segreto molto personale' } })
    const dump = await server.pool.query(
      `select (select string_agg(encode(body_sealed, 'escape'), '') from message) as bodies,
              (select string_agg(encode(address_sealed, 'escape'), '') from contact_identity) as addresses`,
    )
    assert.doesNotMatch(dump.rows[0].bodies, /segreto/)
    assert.ok(!dump.rows[0].addresses.includes(token))
  })
})
