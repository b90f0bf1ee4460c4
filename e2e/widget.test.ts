// The widget on the demo page, in Chromium, with the clock at 22:00 in Rome on a Monday: the
// listening line is closed, says when it opens, and still takes messages. Quick exit (button and
// Escape three times) forgets the tab's session and leaves no way Back; the chat works by keyboard.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser, Page } from 'playwright-core'
import { ensureDemoHelpline } from '../apps/server/src/demo/first-start.ts'
import { startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'

const settingsFile = path.resolve(import.meta.dirname, '..', 'docs', 'settings', 'listening-line.json')

describe('the widget on the demo page, in Chromium', () => {
  let server: TestServer
  let browser: Browser

  before(async () => {
    server = await startTestServer({}, { clock: () => new Date('2026-11-23T21:00:00Z') })
    const demo = await ensureDemoHelpline(server.pool)
    const { $schema: _schema, ...settings } = JSON.parse(await readFile(settingsFile, 'utf8'))
    await importHelplineSettings(server.pool, demo.helplineId, settings)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Quick exit goes to the server's own /health page instead of a search engine. */
  const setExitUrl = (page: Page) =>
    page.evaluate((url) => {
      document.querySelector('script[data-ascolto-channel]')?.setAttribute('data-ascolto-exit-url', url)
    }, `${server.url}/health`)

  it('says when a closed line opens, takes a message, and quick exit leaves nothing behind', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(`${server.url}/demo`)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page
      .getByText('Ora siamo chiusi: ti risponderemo domani dalle 18:00. Puoi scrivere lo stesso.')
      .waitFor()

    const text = 'Scrivo anche se siete chiusi'
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(text)
    await page.getByRole('button', { name: 'Invia' }).click()
    await page.getByRole('log').getByText(text).waitFor()
    await screenshot(page, 'widget-closed-390')
    assert.ok(await page.evaluate(() => sessionStorage.length > 0))

    await setExitUrl(page)
    await page.getByRole('button', { name: 'Esci subito dalla chat' }).click()
    await page.waitForURL(`${server.url}/health`)
    assert.equal(await page.evaluate(() => sessionStorage.length), 0)

    // the demo page's history entry was replaced: Back cannot return to the chat
    await page.goBack().catch(() => null)
    assert.notEqual(new URL(page.url()).pathname, '/demo')

    // the same tab, on the same site again: a new, empty conversation
    await page.goto(`${server.url}/demo`)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByText(/domani dalle 18:00/).waitFor()
    await page.getByRole('log').waitFor({ state: 'attached' })
    assert.equal(await page.getByRole('log').getByText(text).count(), 0)
    await context.close()
  })

  it('works by keyboard alone, and Escape three times is a quick exit', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(`${server.url}/demo`)
    const launcher = page.getByRole('button', { name: 'Apri la chat' })
    await launcher.waitFor()
    await page.keyboard.press('Tab')
    assert.ok(
      await launcher.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button),
    )
    await page.keyboard.press('Enter')
    const textbox = page.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.waitFor()
    assert.ok(await textbox.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input))
    await page.getByText(/domani dalle 18:00/).waitFor()
    await page.keyboard.type('Ciao, scrivo solo con la tastiera')
    await page.keyboard.press('Enter')
    await page.getByRole('log').getByText('Ciao, scrivo solo con la tastiera').waitFor()
    await screenshot(page, 'widget-open-1280')

    await setExitUrl(page)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.waitForURL(`${server.url}/health`)
    assert.equal(await page.evaluate(() => sessionStorage.length), 0)
    await context.close()
  })
})
