// The wait a person sees, in Chromium: two people write in the widget while both volunteers are
// busy; each reads their place and an expected wait, which change as the queue moves (a volunteer
// closes one and takes the next), and say plainly that the line is busy once nobody can answer.
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { call, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { bothBusy, lineWithHistory, takeAndAnswer } from '../apps/server/src/testing/wait-fixtures.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { type HostSite, startHostSite } from './widget-helpers.ts'

// the server's clock stands still: the figures on screen are known
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000)

describe('the wait a person sees, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  const contexts: BrowserContext[] = []
  before(async () => {
    server = await startTestServer({}, { clock: () => NOW })
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  async function personWrites(viewport: { width: number; height: number }, text: string) {
    const context = await browser.newContext({ viewport, locale: 'it-IT' })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(site.url)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(text)
    await page.getByRole('button', { name: 'Invia' }).click()
    await page.getByRole('log').getByText(text).waitFor()
    return page
  }
  const reads = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor()

  it('shows a place and a wait that follow the queue', async () => {
    const line = await lineWithHistory(server, NOW)
    const { channelId, anna, marco } = line
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    const { second, third } = await bothBusy(server, line, NOW)

    // Marco is free in about 4 minutes, Anna in 10, Marco again in 14, Anna in 20
    const phone = await personWrites({ width: 390, height: 844 }, 'Ciao, vorrei parlare con qualcuno')
    await reads(phone, 'Sei la 3ª persona in attesa: circa 15 minuti.')
    const laptop = await personWrites({ width: 1280, height: 800 }, 'Buonasera, avrei bisogno di aiuto')
    await reads(laptop, 'Sei la 4ª persona in attesa: circa 20 minuti.')
    await screenshot(phone, 'widget-wait-390')

    // Marco closes his conversation and takes the next: everyone moves up
    const closed = await call(`${server.url}/api/conversations/${second.conversationId}/close`, {
      cookie: marco.cookie,
      body: {},
    })
    if (closed.status !== 200) throw new Error(`close: ${closed.status}`)
    await takeAndAnswer(server, marco.cookie, third.conversationId, { at: NOW })
    await reads(phone, 'Sei la 2ª persona in attesa: circa 10 minuti.')
    await reads(laptop, 'Sei la 3ª persona in attesa: circa 20 minuti.')
    await screenshot(laptop, 'widget-wait-1280')

    // both step away: no minutes any more, the line says it is busy
    for (const cookie of [anna.cookie, marco.cookie]) {
      const away = await call(`${server.url}/api/availability`, {
        method: 'PUT',
        cookie,
        body: { availability: 'away' },
      })
      if (away.status !== 200) throw new Error(`away: ${away.status}`)
    }
    await reads(phone, 'Sei la 2ª persona in attesa. La linea ora è molto occupata')
    await screenshot(phone, 'widget-wait-busy-390')
  })
})
