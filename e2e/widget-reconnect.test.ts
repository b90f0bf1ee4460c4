// What waits in the widget while the connection is away leaves as soon as it is back (the browser's
// `online` event), not at the next step of the backoff. The page's clock is paused, so no backoff
// timer can fire: whatever reaches the server was sent by the connection coming back. A request on
// its way out while the connection returns (held here, then failed) is tried again at once, and a
// transcript asked for before the survey's answers arrived does not bring the answered survey back.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page, Route } from 'playwright-core'
import { openMessageText } from '../apps/server/src/testing/sealed.ts'
import { setSurvey } from '../apps/server/src/testing/survey-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser } from './browser.ts'
import { eventually, type HostSite, startHostSite } from './widget-helpers.ts'

describe('the widget sends what waited as soon as the connection is back', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let channelId: string
  let cookie: string

  before(async () => {
    server = await startTestServer()
    const line = await makeHelpline(server.pool)
    channelId = line.channelId
    await setSurvey(server.pool, line.helplineId, ['webchat'])
    ;({ cookie } = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }]))
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  const inbound = async (text: string) => {
    const { rows } = await server.pool.query<{ id: string }>(
      `select id from message where channel_id = $1 and direction = 'inbound'`,
      [channelId],
    )
    const texts = await Promise.all(rows.map((row) => openMessageText(server, row.id)))
    return texts.filter((t) => t === text).length
  }

  // The routes below stay for the page's life (no `times: 1`): taking a page's last route away turns
  // interception off, which lets a held request go on its way.

  /** Holds the next request to `url` (with this method) until released, then fails it as a lost network would. */
  const holdThenFail = async (page: Page, url: string, method: string) => {
    let release = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let arrived = () => {}
    const held = new Promise<void>((resolve) => {
      arrived = resolve
    })
    let taken = false
    await page.route(url, async (route: Route) => {
      if (taken || route.request().method() !== method) return route.fallback()
      taken = true
      arrived()
      await released
      await route.abort('internetdisconnected')
    })
    return { held, release }
  }

  /** The connection drops and comes back while a request is on its way: the page hears `offline`, then `online`. */
  const dropAndRestore = async (page: Page) => {
    await page.context().setOffline(true)
    await page.waitForFunction(() => !navigator.onLine)
    await page.context().setOffline(false)
    await page.waitForFunction(() => navigator.onLine)
  }

  it('retries a message and the survey’s answers the moment the browser is online again', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.clock.install()
    await page.goto(site.url)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByText('Aperto ora').waitFor()
    const textbox = page.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.fill('Primo, con la rete')
    await page.getByRole('button', { name: 'Invia' }).click()
    await eventually('the first message is stored', async () => (await inbound('Primo, con la rete')) === 1)

    // from here no timer of the page fires: a retry can only come from the connection coming back
    await page.clock.pauseAt(Date.now() + 1000)
    const message = await holdThenFail(page, '**/messages', 'POST')
    await textbox.fill('Scritto mentre la rete va e viene')
    await page.getByRole('button', { name: 'Invia' }).click()
    await message.held
    await dropAndRestore(page)
    message.release()
    await eventually(
      'the message is sent again once the network is back',
      async () => (await inbound('Scritto mentre la rete va e viene')) === 1,
    )

    // the volunteer closes: the survey; its answers leave while the connection comes and goes
    const { rows } = await server.pool.query<{ id: string }>(
      `select id from conversation where channel_id = $1`,
      [channelId],
    )
    const conversationId = rows[0]?.id
    assert.ok(conversationId)
    const take = await call(`${server.url}/api/conversations/${conversationId}/take`, {
      method: 'POST',
      cookie,
    })
    assert.equal(take.status, 200)
    const close = await call(`${server.url}/api/conversations/${conversationId}/close`, { cookie, body: {} })
    assert.equal(close.status, 200)
    const useful = page.getByRole('group', { name: 'Ti è stato utile parlare con noi?' })
    await useful.getByRole('radio', { name: '5' }).check()

    const answers = await holdThenFail(page, '**/survey', 'POST')
    // the transcript the `online` event asks for is computed before the answers reach the server and
    // reaches the page after them: it still says the survey is due, which must not bring it back
    let transcriptAnswer = () => {}
    const transcriptHeld = new Promise<void>((resolve) => {
      transcriptAnswer = resolve
    })
    let transcriptDelivered: Promise<void> | undefined
    let transcriptTaken = false
    let transcriptAsked = () => {}
    const transcriptComputed = new Promise<void>((resolve) => {
      transcriptAsked = resolve
    })
    await page.route('**/messages', async (route) => {
      if (transcriptTaken || route.request().method() !== 'GET') return route.fallback()
      transcriptTaken = true
      const response = await route.fetch()
      transcriptAsked()
      await transcriptHeld
      await route.fulfill({ response })
      transcriptDelivered = route
        .request()
        .response()
        .then((delivered) => delivered?.finished())
        .then(() => undefined)
    })
    await page.getByRole('button', { name: 'Invia le risposte' }).click()
    await answers.held
    await dropAndRestore(page)
    await transcriptComputed
    answers.release()
    await page.getByText('Grazie delle tue risposte.').waitFor()
    transcriptAnswer()
    await eventually('the transcript is answered', () => transcriptDelivered !== undefined)
    await transcriptDelivered
    // the body is in the page; a few turns of its event loop (not timers: they are paused) to read it
    for (let turn = 0; turn < 5; turn++) {
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const channel = new MessageChannel()
            channel.port1.onmessage = resolve
            channel.port2.postMessage(null)
          }),
      )
    }
    assert.equal(await useful.count(), 0, 'the answered survey does not come back')
    await page.getByText('Grazie delle tue risposte.').waitFor()
    const { rows: facts } = await server.pool.query(
      `select survey_answers from conversation_fact where channel_id = $1 and survey_answers is not null`,
      [channelId],
    )
    assert.deepEqual(
      facts.map((fact) => fact.survey_answers),
      [{ useful: 5 }],
    )
    await context.close()
  })
})
