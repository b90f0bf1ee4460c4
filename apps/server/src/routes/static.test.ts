// What the browser apps cost a visitor on the wire: each file as the build precompressed it, by
// Accept-Encoding, with Vary; hashed files cached for a year, the console's page and the widget's
// loader revalidated. Reads the built apps (npm run build), as the browser tests do.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { loadConfig } from '@ascolto/config'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { startTestServer, type TestServer } from '../testing/test-server.ts'

const apps = path.resolve(import.meta.dirname, '..', '..', '..')
const built = (file: string) => readFileSync(path.join(apps, file))

describe('the console and the widget on the wire', () => {
  let server: TestServer
  let app: FastifyInstance

  before(async () => {
    server = await startTestServer()
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
  })
  after(async () => {
    await app?.close()
    await server?.close()
  })

  const get = (url: string, encoding?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers: { ...(encoding ? { 'accept-encoding': encoding } : {}), ...headers },
    })

  const loader = () => built('widget/dist/widget.js').toString('utf8')
  const bundlePath = () => /'(widget-assets\/widget-[\w-]+\.js)'/.exec(loader())?.[1] ?? ''

  it('sends brotli, gzip or the raw file by Accept-Encoding, the same bytes each way', async () => {
    const html = built('console/dist/index.html').toString('utf8')
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? ''
    assert.ok(script)
    for (const url of [`/${script}`, `/${bundlePath()}`, '/widget.js', '/']) {
      const raw = await get(url)
      assert.equal(raw.statusCode, 200, url)
      assert.equal(raw.headers['content-encoding'], undefined, url)
      const br = await get(url, 'gzip, deflate, br')
      assert.equal(br.headers['content-encoding'], 'br', url)
      assert.ok(br.rawPayload.length < raw.rawPayload.length, url)
      assert.deepEqual(brotliDecompressSync(br.rawPayload), raw.rawPayload, url)
      const gz = await get(url, 'gzip')
      assert.equal(gz.headers['content-encoding'], 'gzip', url)
      assert.deepEqual(gunzipSync(gz.rawPayload), raw.rawPayload, url)
      // a shared cache must keep the encodings apart, the raw answer included
      for (const response of [raw, br, gz])
        assert.match(String(response.headers.vary), /accept-encoding/i, url)
      assert.match(String(br.headers['content-type']), url.endsWith('.js') ? /javascript/ : /html/, url)
    }
  })

  it('caches hashed files for a year, and revalidates the page and the loader', async () => {
    const html = built('console/dist/index.html').toString('utf8')
    for (const asset of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g))
      assert.equal(
        (await get(`/${asset[1]}`, 'br')).headers['cache-control'],
        'public, max-age=31536000, immutable',
      )
    const bundle = await get(`/${bundlePath()}`, 'br')
    assert.equal(bundle.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(bundle.headers['access-control-allow-origin'], '*')

    for (const url of ['/', '/widget.js']) {
      const first = await get(url, 'br')
      assert.equal(first.headers['cache-control'], 'no-cache', url)
      const etag = String(first.headers.etag ?? '')
      assert.ok(etag, url)
      // the revalidation costs a 304 and no body
      const again = await get(url, 'br', { 'if-none-match': etag })
      assert.equal(again.statusCode, 304, url)
      assert.equal(again.rawPayload.length, 0, url)
    }
  })

  it('keeps the loader small, naming the hashed bundle it adds', async () => {
    const response = await get('/widget.js', 'br')
    assert.ok(response.rawPayload.length < 1024, `${response.rawPayload.length} bytes`)
    assert.match(loader(), /widget-assets\/widget-[\w-]{10}\.js/)
    // nothing else is reachable under the bundle's folder
    assert.equal((await get('/widget-assets/%2e%2e/ascolto-chat.zip')).statusCode, 404)
    assert.equal((await get('/widget-assets/ascolto-chat.zip')).statusCode, 404)
  })
})
