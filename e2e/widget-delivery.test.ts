// The widget's messages in Chromium, from a helpline's site on another origin: send and receive,
// a reload keeps the conversation, a message written offline is kept and delivered once when the
// network is back, "end chat" closes the conversation on the server and forgets it in the tab, and
// the person can download their transcript without a request.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { openMessageText } from '../apps/server/src/testing/sealed.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser } from './browser.ts'
import { countRows, eventually, type HostSite, startHostSite } from './widget-helpers.ts'

describe('the widget sends, receives, survives a reload and the network going away', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let helplineId: string
  let channelId: string
  let cookie: string

  before(async () => {
    server = await startTestServer()
    ;({ helplineId, channelId } = await makeHelpline(server.pool))
    ;({ cookie } = await makeOperator(server, [{ helplineId, role: 'volunteer' }]))
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  /** How many of the person's messages with this text the server holds (bodies are sealed). */
  const inbound = async (text: string) => {
    const { rows } = await server.pool.query<{ id: string }>(
      `select id from message where channel_id = $1 and direction = 'inbound'`,
      [channelId],
    )
    const texts = await Promise.all(rows.map((row) => openMessageText(server, row.id)))
    return texts.filter((t) => t === text).length
  }

  const openChat = async (page: Page) => {
    await page.goto(site.url)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByText('Aperto ora').waitFor()
  }
  const write = async (page: Page, text: string) => {
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(text)
    await page.getByRole('button', { name: 'Invia' }).click()
  }

  it('carries messages both ways and keeps the conversation across a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await openChat(page)
    await write(page, 'Ciao, posso scrivere qui?')
    await eventually('the message is stored', async () => (await inbound('Ciao, posso scrivere qui?')) === 1)

    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where channel_id = $1',
      [channelId],
    )
    const conversationId = rows[0]?.id
    assert.ok(conversationId)
    assert.equal(
      (await call(`${server.url}/api/conversations/${conversationId}/take`, { method: 'POST', cookie }))
        .status,
      200,
    )
    const reply = await call(`${server.url}/api/conversations/${conversationId}/messages`, {
      cookie,
      body: { text: 'Certo, ti ascoltiamo.' },
    })
    assert.equal(reply.status, 201)
    const log = page.getByRole('log')
    await log.getByText('Certo, ti ascoltiamo.').waitFor()

    await page.reload()
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await log.getByText('Certo, ti ascoltiamo.').waitFor()
    assert.equal(await log.getByText('Ciao, posso scrivere qui?').count(), 1)
    assert.equal(await log.getByText('Certo, ti ascoltiamo.').count(), 1)

    // the person's own copy, made in the browser: a text file that names no helpline (recorded once
    // the reopened chat has fetched its history, which it does by itself)
    await page.waitForLoadState('networkidle')
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Scarica la conversazione' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^chat-\d{4}-\d{2}-\d{2}\.txt$/)
    const file = await readFile(await download.path(), 'utf8')
    assert.match(file, /Tu: Ciao, posso scrivere qui\?/)
    assert.match(file, /Helpline [^:]+: Certo, ti ascoltiamo\./)
    assert.deepEqual(
      requests.filter((url) => !url.startsWith('blob:')),
      [],
    )
    await context.close()
  })

  it('keeps what the person writes offline and delivers it once when the network is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    await openChat(page)
    await write(page, 'Primo, con la rete')
    await eventually('the first message is stored', async () => (await inbound('Primo, con la rete')) === 1)

    await context.setOffline(true)
    await page.getByText('Non riusciamo a raggiungere il servizio.', { exact: false }).waitFor()
    await write(page, 'Scritto senza rete')
    const log = page.getByRole('log')
    await log.getByText('Scritto senza rete').waitFor()
    // the person sees it is not sent yet; the server has nothing
    await log.getByText(/Invio…|Non ancora inviato, riprovo…/).waitFor()
    assert.equal(await inbound('Scritto senza rete'), 0)
    const queued = await page.evaluate(() => Object.values(sessionStorage).join(''))
    assert.match(queued, /Scritto senza rete/)

    await context.setOffline(false)
    await eventually('the queued message is stored', async () => (await inbound('Scritto senza rete')) === 1)
    await page
      .getByText('Non riusciamo a raggiungere il servizio.', { exact: false })
      .waitFor({ state: 'hidden' })
    await log.getByText(/Invio…|Non ancora inviato/).waitFor({ state: 'detached' })
    // once: however many retries and reconnections happened, one message and one bubble
    assert.equal(await inbound('Scritto senza rete'), 1)
    assert.equal(await log.getByText('Scritto senza rete').count(), 1)
    await context.close()
  })

  it('"end chat" closes the conversation on the server and forgets it in the tab', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await openChat(page)
    await write(page, 'Vorrei finire qui')
    await eventually('the message is stored', async () => (await inbound('Vorrei finire qui')) === 1)
    // asked once more, so a slip does not end it; No goes back, focus on the button again
    const stillOpen = () =>
      countRows(server.pool, `select id from conversation where channel_id = $1 and status <> 'closed'`, [
        channelId,
      ])
    const openBefore = await stillOpen()
    await page.getByRole('button', { name: 'Termina la chat' }).click()
    await page.getByRole('button', { name: 'No' }).click()
    const endButton = page.getByRole('button', { name: 'Termina la chat' })
    assert.ok(
      await endButton.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button),
    )
    assert.equal(await stillOpen(), openBefore)
    await endButton.click()
    await page
      .getByRole('group', { name: 'Vuoi terminare la chat?' })
      .getByRole('button', { name: 'Sì, termina' })
      .click()
    await page.getByText('La chat è terminata').waitFor()
    assert.equal(await page.evaluate(() => sessionStorage.length), 0)
    await eventually(
      'the conversation is closed, ended by the person',
      async () =>
        (await countRows(
          server.pool,
          `select c.id from conversation c join message m on m.conversation_id = c.id
            where c.channel_id = $1 and c.status = 'closed' and c.ended_by_visitor_at is not null
              and m.direction = 'note'`,
          [channelId],
        )) === 1,
    )
    await page.getByRole('button', { name: 'Nuova chat' }).click()
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).waitFor()
    assert.equal(await page.getByRole('log').getByText('Vorrei finire qui').count(), 0)
    await context.close()
  })
})
