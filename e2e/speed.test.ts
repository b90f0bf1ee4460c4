// What the console and the widget cost a visitor's browser, in Chromium: every script arrives
// compressed as the build precompressed it; the widget's loader is small and asked again on the
// next visit, while its hashed bundle comes from the browser's cache; a page that calls
// Ascolto.init as soon as the loader has loaded still gets its chat.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { type HostSite, startHostSite } from './widget-helpers.ts'

describe('the console and the widget on the wire, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []
  const sites: HostSite[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool, 'demo')
  })
  after(async () => {
    for (const context of contexts) await context.close()
    for (const site of sites) await site.close()
    await browser?.close()
    await server?.close()
  })

  async function page(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'it-IT' })
    contexts.push(context)
    return context.newPage()
  }

  /** The encoding a response came in, checked against what the browser offered: brotli first. */
  async function assertCompressed(response: Response) {
    const offered = (await response.request().headerValue('accept-encoding')) ?? ''
    const headers = await response.allHeaders()
    assert.equal(headers['content-encoding'], offered.includes('br') ? 'br' : 'gzip', response.url())
    assert.match(headers.vary ?? '', /accept-encoding/i, response.url())
  }

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`serves the console and the widget compressed, the bundle then from the cache, at ${width} px`, async () => {
      const visitor = await page(width, height)
      const scripts: Response[] = []
      visitor.on('response', (response) => {
        if (/\/(?:widget\.js|widget-assets\/|assets\/)/.test(response.url())) scripts.push(response)
      })
      await visitor.goto(`${server.url}/demo`)
      await visitor.getByRole('button', { name: 'Apri la chat' }).first().waitFor()
      const loader = scripts.find((r) => r.url().endsWith('/widget.js'))
      const bundle = scripts.find((r) => r.url().includes('/widget-assets/widget-'))
      assert.ok(loader && bundle)
      await assertCompressed(loader)
      await assertCompressed(bundle)
      assert.equal((await loader.allHeaders())['cache-control'], 'no-cache')
      assert.equal((await bundle.allHeaders())['cache-control'], 'public, max-age=31536000, immutable')
      assert.ok(Number((await loader.allHeaders())['content-length']) < 1024)

      // the next visit: the loader goes to the server again, the bundle does not
      await visitor.goto(`${server.url}/demo`)
      await visitor.getByRole('button', { name: 'Apri la chat' }).first().waitFor()
      const transferred = await visitor.evaluate(() =>
        Object.fromEntries(
          performance
            .getEntriesByType('resource')
            .map((entry) => [
              new URL(entry.name).pathname,
              (entry as PerformanceResourceTiming).transferSize,
            ]),
        ),
      )
      assert.ok((transferred['/widget.js'] ?? 0) > 0, JSON.stringify(transferred))
      assert.equal(transferred[new URL(bundle.url()).pathname], 0, JSON.stringify(transferred))
      await visitor.getByRole('button', { name: 'Apri la chat' }).first().click()
      await screenshot(visitor, `widget-from-cache-${width}`)

      // the console's own scripts and styles
      scripts.length = 0
      await visitor.goto(server.url)
      await visitor.getByRole('heading', { name: 'Accedi' }).waitFor()
      const consoleFiles = scripts.filter((r) => new URL(r.url()).pathname.startsWith('/assets/'))
      assert.ok(consoleFiles.length >= 2)
      for (const response of consoleFiles) {
        await assertCompressed(response)
        assert.equal((await response.allHeaders())['cache-control'], 'public, max-age=31536000, immutable')
      }
      await screenshot(visitor, `console-compressed-${width}`)
    })
  }

  it('starts a chat a page asks for with Ascolto.init as soon as the loader has loaded', async () => {
    const site = await startHostSite({
      ascoltoUrl: server.url,
      channelId: line.channelId,
      embed: `<div id="chat" style="height:560px"></div>
<script src="${server.url}/widget.js" async onload="Ascolto.init({ server: '${server.url}', channel: '${line.channelId}', container: document.getElementById('chat') })"></script>`,
    })
    sites.push(site)
    const visitor = await page(1280, 800)
    await visitor.goto(site.url)
    await visitor.locator('#chat').getByRole('textbox').first().waitFor()
  })
})
