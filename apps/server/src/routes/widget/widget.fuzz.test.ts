// The widget's protocol against whatever a page could send (fast-check): message bodies shaped
// like the widget's with anything in their places, any JSON, any token. Each gets a 2xx or a 4xx
// with a code, never a 5xx; nothing refused is stored; the server keeps answering.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { fuzzRuns, withFuzzSeed } from '@ascolto/channels/testing'
import fc from 'fast-check'
import {
  call,
  makeHelpline,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

describe('the widget API against random requests', () => {
  let server: TestServer
  let channelId: string
  before(async () => {
    server = await startTestServer()
    ;({ channelId } = await makeHelpline(server.pool))
  })
  after(() => server.close())

  const stored = async () => Number((await server.pool.query('select count(*) from message')).rows[0].count)
  const body = fc.oneof(
    fc.record(
      {
        clientId: fc.oneof(fc.uuid(), fc.string(), fc.jsonValue()),
        text: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('x'.repeat(5000)), fc.jsonValue()),
        prechat: fc.jsonValue(),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  )
  const token = fc.oneof(fc.constant(null), fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/))

  it('answers 2xx or a coded 4xx, stores only what it accepted, and stays up', () =>
    withFuzzSeed(async () => {
      const samples = fc.sample(fc.tuple(body, token, fc.boolean()), fuzzRuns(200))
      for (const [payload, bearer, ownChannel] of samples) {
        const before = await stored()
        const url = `${server.url}/api/widget/v1/channels/${ownChannel ? channelId : randomUUID()}/messages`
        const response = await call(url, {
          ...(bearer === null ? {} : { headers: { authorization: `Bearer ${bearer}` } }),
          body: JSON.stringify(payload) ?? 'null',
        })
        const shown = JSON.stringify(payload)?.slice(0, 200)
        assert.ok(response.status < 500, `${response.status} for ${shown}`)
        if (response.status >= 400) {
          assert.equal(typeof response.body?.code, 'string', `no code for ${shown}`)
          assert.equal(await stored(), before, `a refused request stored something: ${shown}`)
        }
      }
      // and a well-formed message still goes in
      const ok = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
        token: visitorToken(),
        body: { clientId: randomUUID(), text: 'ancora qui' },
      })
      assert.equal(ok.status, 201)
    }))
})
