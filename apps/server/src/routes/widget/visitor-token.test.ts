// The web chat's visitor token is the key to a person's chat, not an address: no staff API
// returns it (a reveal, an export), and once the person ends the chat (or leaves by quick exit)
// the token reads nothing of it.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

describe("the web chat's visitor token", () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(async () => {
    await server.close()
  })

  async function chat() {
    const line = await makeHelpline(server.pool)
    const token = visitorToken()
    const messages = `${server.url}/api/widget/v1/channels/${line.channelId}/messages`
    const sent = await call(messages, { token, body: { clientId: randomUUID(), text: 'posso parlare?' } })
    assert.equal(sent.status, 201)
    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where channel_id = $1',
      [line.channelId],
    )
    return { ...line, token, messages, conversationId: rows[0]?.id ?? '' }
  }

  it('is never returned to staff: a reveal has no address to show, an export leaves it out', async () => {
    const { helplineId, token, conversationId } = await chat()
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }])
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const revealed = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal`, {
      cookie: supervisor.cookie,
      body: { reason: 'richiamata concordata' },
    })
    assert.equal(revealed.status, 200)
    assert.deepEqual(revealed.body.addresses, [])
    const exported = await call(`${server.url}/api/conversations/${conversationId}/contact/export`, {
      cookie: coordinator.cookie,
    })
    assert.equal(exported.status, 200)
    assert.deepEqual(exported.body.addresses, [])
    for (const body of [revealed.body, exported.body])
      assert.equal(JSON.stringify(body).includes(token), false)
  })

  it('reads nothing of the chat once the person has ended it', async () => {
    const { channelId, token, messages } = await chat()
    const before = await call(messages, { token })
    assert.equal(before.status, 200)
    assert.equal(before.body.messages.length, 1)
    const ended = await call(`${server.url}/api/widget/v1/channels/${channelId}/end`, { token, body: {} })
    assert.equal(ended.status, 200)
    const afterwards = await call(messages, { token })
    assert.equal(afterwards.status, 200)
    assert.deepEqual(afterwards.body.messages, [])
  })
})
