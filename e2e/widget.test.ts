// The widget on the demo page, in Chromium, with the clock at 22:00 in Rome on a Monday: the
// listening line is closed, says when it opens, and still takes messages. Quick exit (button and
// Escape three times) replaces the page within a second of the press (by the browser's own clock),
// leaves nothing in the widget origin's sessionStorage, localStorage, IndexedDB or cookies, no way
// Back, and ends the conversation on the server; the chat works by keyboard.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser, Page } from 'playwright-core'
import { ensureDemoHelpline } from '../apps/server/src/demo/first-start.ts'
import { startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { eventually, type HostSite, originTraces, pressTimeOf, startNeutralPage } from './widget-helpers.ts'

const settingsFile = path.resolve(import.meta.dirname, '..', 'docs', 'settings', 'listening-line.json')

describe('the widget on the demo page, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let neutral: HostSite

  before(async () => {
    server = await startTestServer({}, { clock: () => new Date('2026-11-23T21:00:00Z') })
    const demo = await ensureDemoHelpline(server.pool)
    const { $schema: _schema, ...settings } = JSON.parse(await readFile(settingsFile, 'utf8'))
    await importHelplineSettings(server.pool, demo.helplineId, settings)
    browser = await launchBrowser()
    neutral = await startNeutralPage()
  })
  after(async () => {
    await browser?.close()
    await neutral?.close()
    await server?.close()
  })

  /** Quick exit goes to a local neutral page instead of a search engine. */
  const setExitUrl = (page: Page) =>
    page.evaluate((url) => {
      document.querySelector('script[data-ascolto-channel]')?.setAttribute('data-ascolto-exit-url', url)
    }, neutral.url)

  /** The chat leaves only the tab's session behind while it is open: nothing that outlives the tab. */
  const whileChatting = async (page: Page) => {
    const traces = await originTraces(page)
    assert.ok(
      traces.sessionStorage.some((key) => key.startsWith('ascolto:')),
      JSON.stringify(traces),
    )
    assert.deepEqual(
      { ...traces, sessionStorage: [] },
      {
        sessionStorage: [],
        localStorage: [],
        indexedDB: [],
        cookies: [],
      },
    )
  }
  /** After the exit, back on the widget's origin in the same tab (a page without the widget): nothing. */
  const afterExit = async (page: Page) => {
    await page.goto(`${server.url}/health`)
    assert.deepEqual(await originTraces(page), {
      sessionStorage: [],
      localStorage: [],
      indexedDB: [],
      cookies: [],
    })
  }

  /** The person's open conversations on the demo channel, and those they ended themselves. */
  const conversations = async () => {
    const { rows } = await server.pool.query<{ open: number; ended: number }>(
      `select count(*) filter (where c.status <> 'closed')::int as open,
              count(*) filter (where c.ended_by_visitor_at is not null)::int as ended
         from conversation c join channel ch on ch.id = c.channel_id
         join helpline h on h.id = ch.helpline_id where h.slug = 'demo'`,
    )
    return rows[0] ?? { open: 0, ended: 0 }
  }

  for (const { width, height } of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`says when a closed line opens, takes a message, and quick exit leaves nothing behind (${width}×${height})`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'it-IT' })
      const page = await context.newPage()
      await page.goto(`${server.url}/demo`)
      await page.getByRole('button', { name: 'Apri la chat' }).click()
      await page
        .getByText('Ora siamo chiusi: ti risponderemo domani dalle 18:00. Puoi scrivere lo stesso.')
        .waitFor()
      await screenshot(page, `widget-closed-${width}`)

      const before = await conversations()
      const text = `Scrivo anche se siete chiusi (${width})`
      await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(text)
      await page.getByRole('button', { name: 'Invia' }).click()
      await page.getByRole('log').getByText(text).waitFor()
      await page.getByRole('button', { name: 'Termina la chat' }).waitFor()
      await screenshot(page, `widget-open-${width}`)
      await whileChatting(page)
      assert.equal((await conversations()).open, before.open + 1)

      await setExitUrl(page)
      const press = await pressTimeOf(page)
      await page.getByRole('button', { name: 'Esci subito dalla chat' }).click()
      await page.waitForURL(neutral.url)
      const took = await press.untilReplaced()
      assert.ok(took >= 0 && took < 1000, `the page was replaced ${took} ms after the press`)
      await screenshot(page, `widget-exit-${width}`)

      // the conversation is closed on the server too, as ended by the person
      await eventually('quick exit closes the conversation', async () => {
        const now = await conversations()
        return now.open === before.open && now.ended === before.ended + 1
      })

      // the demo page's history entry was replaced: Back cannot return to the chat
      await page.goBack().catch(() => null)
      assert.notEqual(new URL(page.url()).pathname, '/demo')
      await afterExit(page)

      // the same tab, on the same site again: a new, empty conversation
      await page.goto(`${server.url}/demo`)
      await page.getByRole('button', { name: 'Apri la chat' }).click()
      await page.getByText(/domani dalle 18:00/).waitFor()
      await page.getByRole('log').waitFor({ state: 'attached' })
      assert.equal(await page.getByRole('log').getByText(text).count(), 0)
      await context.close()
    })
  }

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
    await whileChatting(page)

    await setExitUrl(page)
    const press = await pressTimeOf(page)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.waitForURL(neutral.url)
    const took = await press.untilReplaced()
    assert.ok(took >= 0 && took < 1000, `the page was replaced ${took} ms after the third Escape`)
    await afterExit(page)
    await context.close()
  })
})
