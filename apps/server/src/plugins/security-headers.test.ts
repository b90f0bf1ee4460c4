import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { call, startTestServer, type TestServer } from '../testing/test-server.ts'

describe('security headers', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(() => server.close())

  it('give the console a CSP without inline scripts, and every response nosniff and no referrer', async () => {
    const page = await call(`${server.url}/`)
    const csp = page.headers.get('content-security-policy') ?? ''
    assert.match(csp, /script-src 'self'(;|$)/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    for (const url of ['/', '/api/session', '/health', '/widget.js']) {
      const response = await call(`${server.url}${url}`)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', url)
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', url)
    }
  })

  it('send HSTS only when the public address is https', async () => {
    assert.equal((await call(`${server.url}/health`)).headers.get('strict-transport-security'), null)
    const behindTls = await startTestServer({ ASCOLTO_PUBLIC_URL: 'https://ascolto.example.org' })
    try {
      assert.match(
        (await call(`${behindTls.url}/health`)).headers.get('strict-transport-security') ?? '',
        /max-age=/,
      )
    } finally {
      await behindTls.close()
    }
  })
})
