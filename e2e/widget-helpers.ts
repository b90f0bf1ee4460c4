// What the widget's browser tests share: a host page on another origin (a helpline's own site,
// optionally behind a strict Content-Security-Policy), and waiting for the database to agree.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Pool } from '@ascolto/db'
import type { Page } from 'playwright-core'

import { eventually } from '../apps/server/src/testing/eventually.ts'

export { eventually }

export async function countRows(pool: Pool, sql: string, params: unknown[] = []) {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from (${sql}) as rows`, params)
  return rows[0]?.n ?? 0
}

export type HostSite = { url: string; close: () => Promise<void> }

/**
 * A helpline's site on its own origin, carrying the widget with one script tag. With `csp`, the
 * page is served under that Content-Security-Policy (a function of Ascolto's origin).
 */
export async function startHostSite(options: {
  ascoltoUrl: string
  channelId: string
  csp?: (ascolto: { http: string; ws: string }) => string
  lang?: string
  dir?: 'ltr' | 'rtl'
  attributes?: string
  /** The page's own markup for the widget instead of the one script tag (e.g. a WordPress shortcode's). */
  embed?: string
}): Promise<HostSite> {
  const ascolto = new URL(options.ascoltoUrl)
  const ws = `${ascolto.protocol === 'https:' ? 'wss' : 'ws'}://${ascolto.host}`
  const page = `<!doctype html>
<html lang="${options.lang ?? 'it'}" dir="${options.dir ?? 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Associazione</title></head>
<body>
<main><h1>Associazione</h1><p>Il sito di un'associazione.</p></main>
${options.embed ?? `<script src="${ascolto.origin}/widget.js" data-ascolto-channel="${options.channelId}" ${options.attributes ?? ''} async></script>`}
</body>
</html>`
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end()
      return
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }
    if (options.csp) headers['content-security-policy'] = options.csp({ http: ascolto.origin, ws })
    response.writeHead(200, headers).end(page)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Errors the page reports: CSP refusals show up here and as console errors. */
export function collectPageErrors(page: Page) {
  const errors: string[] = []
  page.on('console', (message) => {
    // the browser asks the stand-in site for a favicon it does not have: not the widget's doing
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
      errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/** A neutral page for quick exit to land on, standing in for a weather or search page. */
export async function startNeutralPage(): Promise<HostSite> {
  const page = `<!doctype html><html lang="it"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Meteo</title></head>
<body style="font:16px/1.5 sans-serif;margin:2rem"><h1>Previsioni meteo</h1>
<p>Roma: sereno, 12 °C. Domani: poco nuvoloso.</p></body></html>`
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The background colour of the widget's header, read inside its shadow root. */
export const headerColour = (page: Page) =>
  page.locator('ascolto-widget').evaluate((host) => {
    const element = host.shadowRoot?.querySelector('.header')
    return element ? getComputedStyle(element).backgroundColor : ''
  })

/** Waits until the channel holds this many messages from people. */
export const inboundStored = (pool: Pool, channelId: string, count: number) =>
  eventually(
    `${count} message(s) stored`,
    async () =>
      (await countRows(pool, `select id from message where channel_id = $1 and direction = 'inbound'`, [
        channelId,
      ])) === count,
  )

/**
 * What the page's origin keeps in this tab and browser: sessionStorage (per tab, so it is read on
 * a page of the widget's origin in the same tab), localStorage, IndexedDB databases and cookies
 * (httpOnly ones too, from the browser's own jar).
 */
export async function originTraces(page: Page) {
  const inPage = await page.evaluate(async () => ({
    sessionStorage: Object.keys(sessionStorage),
    localStorage: Object.keys(localStorage),
    indexedDB: (await indexedDB.databases()).map((database) => database.name ?? ''),
  }))
  const cookies = (await page.context().cookies(page.url())).map((cookie) => cookie.name)
  return { ...inPage, cookies }
}

/**
 * Records, by the page's own clock, when each click or key press happened: the last one, compared with the
 * next document's time origin (when its navigation started, on the same clock), it says how long
 * the press took to replace the page, whatever the test runner's own delays.
 */
export async function pressTimeOf(page: Page) {
  let pressedAt: number | undefined
  // the last press before the page went (Escape is pressed three times)
  await page.exposeFunction('__ascoltoTestPressed', (at: number) => {
    pressedAt = at
  })
  await page.evaluate(() => {
    const note = (event: Event) =>
      (window as unknown as { __ascoltoTestPressed: (at: number) => void }).__ascoltoTestPressed(
        performance.timeOrigin + event.timeStamp,
      )
    window.addEventListener('click', note, true)
    window.addEventListener('keydown', note, true)
  })
  return {
    /** Milliseconds from the press to the start of the navigation that replaced the page. */
    async untilReplaced() {
      const navigationStart = await page.evaluate(() => performance.timeOrigin)
      if (pressedAt === undefined) throw new Error('no press was recorded')
      return navigationStart - pressedAt
    },
  }
}
