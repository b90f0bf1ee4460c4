// The widget where it is hardest to get right, in Chromium: a host page with a strict
// Content-Security-Policy, axe-core's accessibility rules inside the shadow root, right-to-left
// text, 200% zoom, questions and a policy before the chat by keyboard alone, no session kept
// when the helpline says so, and the full-page chat.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import type { Browser, Page } from 'playwright-core'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import {
  collectPageErrors,
  countRows,
  eventually,
  type HostSite,
  headerColour,
  inboundStored,
  startHostSite,
} from './widget-helpers.ts'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** The directives a helpline adds to its own CSP for the chat (documented in apps/widget/CONTEXT.md). */
const strictCsp = ({ http, ws }: { http: string; ws: string }) =>
  [
    "default-src 'none'",
    `script-src ${http}`,
    `connect-src ${http} ${ws}`,
    "style-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

type AxeResult = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }

/** Runs axe-core on the whole page, shadow roots included; returns the serious and critical findings. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: axePath })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return (violations as AxeResult[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
    )
}

describe('the widget under a strict CSP, for every reader, and as a full page', () => {
  let server: TestServer
  let browser: Browser
  let helplineId: string
  let channelId: string
  const sites: HostSite[] = []
  const site = async (
    options: Omit<Parameters<typeof startHostSite>[0], 'ascoltoUrl' | 'channelId'> = {},
  ) => {
    const started = await startHostSite({ ascoltoUrl: server.url, channelId, ...options })
    sites.push(started)
    return started.url
  }

  before(async () => {
    server = await startTestServer()
    ;({ helplineId, channelId } = await makeHelpline(server.pool))
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    for (const started of sites) await started.close()
    await server?.close()
  })

  it('works inside a page with a strict Content-Security-Policy', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await page.goto(await site({ csp: strictCsp }))
    // the policy is in force: an inline style of the page's own is refused
    const inlineRefused = await page.evaluate(() => {
      const probe = document.createElement('style')
      probe.textContent = 'body { margin-left: 77px }'
      document.head.appendChild(probe)
      return getComputedStyle(document.body).marginLeft !== '77px'
    })
    assert.ok(inlineRefused, 'the CSP is not in force')
    errors.length = 0

    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByText('Aperto ora').waitFor()
    // styled: the constructed stylesheet passed the policy
    assert.equal(await headerColour(page), 'rgb(11, 85, 96)')
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill('Scrivo da un sito con una CSP')
    await page.getByRole('button', { name: 'Invia' }).click()
    await inboundStored(server.pool, channelId, 1)
    // the socket is up too (the banner would say otherwise), and nothing was refused
    await page.getByRole('log').getByText('Scrivo da un sito con una CSP').waitFor()
    assert.deepEqual(
      errors.filter((error) => /Content.Security.Policy|Refused/i.test(error)),
      [],
    )
    await context.close()
  })

  it('has no serious or critical accessibility violation, closed, open, with a conversation and ending it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(await site())
    await page.getByRole('button', { name: 'Apri la chat' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByText('Aperto ora').waitFor()
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill('Una prova di accessibilità')
    await page.getByRole('button', { name: 'Invia' }).click()
    await page.getByRole('button', { name: 'Termina la chat' }).click()
    await page.getByRole('group', { name: 'Vuoi terminare la chat?' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await context.close()
  })

  it('renders right-to-left text and pages, and stays usable at 200% zoom', async () => {
    // 200% zoom of a 1280×800 window: the page sees a 640×400 viewport
    const context = await browser.newContext({
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
      locale: 'ar',
    })
    const page = await context.newPage()
    await page.goto(await site({ lang: 'ar', dir: 'rtl' }))
    // before it is opened the widget knows only the reader's languages: the launcher says it in
    // theirs; the chat itself is in the one language this helpline offers
    const launcher = page.getByRole('button', { name: 'افتح المحادثة' })
    const box = await launcher.boundingBox()
    assert.ok(box && box.x < 320, 'on a right-to-left page the launcher sits at the left')
    await launcher.click()
    const arabic = 'مرحبا، أحتاج إلى التحدث مع شخص ما'
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(arabic)
    await page.getByRole('button', { name: 'Invia' }).click()
    const bubble = page.getByRole('log').getByText(arabic)
    await bubble.waitFor()
    assert.ok(
      await bubble.evaluate((element) => element.matches(':dir(rtl)')),
      'the message reads right to left',
    )
    assert.equal(
      await page.locator('ascolto-widget').evaluate((host) => {
        const root = host.shadowRoot?.querySelector('.root')
        return root ? `${root.getAttribute('dir')} ${getComputedStyle(root).direction}` : ''
      }),
      'ltr ltr',
      'the Italian interface stays left to right',
    )
    // everything needed to write, send and leave is inside the zoomed viewport
    for (const control of [
      page.getByRole('textbox', { name: 'Scrivi un messaggio' }),
      page.getByRole('button', { name: 'Invia' }),
      page.getByRole('button', { name: 'Esci subito dalla chat' }),
    ]) {
      const where = await control.boundingBox()
      assert.ok(
        where &&
          where.x >= 0 &&
          where.y >= 0 &&
          where.x + where.width <= 640 &&
          where.y + where.height <= 400,
      )
    }
    await screenshot(page, 'widget-rtl-zoom-200')
    await context.close()
  })

  it('asks the questions and the policy first, by keyboard, and keeps no session when told', async () => {
    await importHelplineSettings(server.pool, helplineId, {
      ...defaultSettings('Linea di prova', 'Europe/Rome', 'it'),
      policy: { url: 'https://example.org/privacy', version: '2026-11' },
      widget: {
        requirePolicy: true,
        keepSession: false,
        questions: [
          {
            id: 'age',
            label: { it: 'Quanti anni hai?' },
            options: [
              { id: 'under-14', label: { it: 'Meno di 14' } },
              { id: '14-17', label: { it: '14–17' } },
              { id: 'adult', label: { it: '18 o più' } },
            ],
            required: true,
          },
        ],
      },
    })
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(await site())
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const start = page.getByRole('button', { name: 'Inizia la chat' })
    await start.waitFor()
    assert.equal(await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).count(), 0)
    await start.click()
    await page.getByText('Rispondi a questa domanda per iniziare.').waitFor()
    await page.getByText("Accetta l'informativa per iniziare.").waitFor()
    await screenshot(page, 'widget-prechat-390')

    // by keyboard: into the radio group, the second option, the policy box, start
    const group = page.getByRole('group', { name: 'Quanti anni hai?' })
    await group.getByRole('radio', { name: 'Meno di 14' }).focus()
    await page.keyboard.press('ArrowDown')
    assert.ok(await group.getByRole('radio', { name: '14–17' }).isChecked())
    await page.getByRole('checkbox', { name: "Ho letto e accetto l'informativa" }).focus()
    await page.keyboard.press('Space')
    await start.focus()
    await page.keyboard.press('Enter')
    const textbox = page.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.waitFor()
    await textbox.focus()
    await page.keyboard.type('Ho risposto alle domande')
    await page.keyboard.press('Enter')
    await eventually(
      'the answers are kept with the conversation',
      async () =>
        (await countRows(
          server.pool,
          `select id from conversation where channel_id = $1 and policy_accepted_version = '2026-11'
            and prechat_answers @> '[{"id": "age", "option": "14-17"}]'`,
          [channelId],
        )) === 1,
    )
    // the helpline keeps no session: nothing in storage, a reload starts afresh
    assert.equal(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('ascolto:')).length),
      0,
    )
    await page.reload()
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    await page.getByRole('button', { name: 'Inizia la chat' }).waitFor()
    await context.close()
    await importHelplineSettings(
      server.pool,
      helplineId,
      defaultSettings('Linea di prova', 'Europe/Rome', 'it'),
    )
  })

  it('serves the chat as a page of its own, open, titled only "Chat"', async () => {
    // the page has Ascolto's own strict CSP: axe is injected past it
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'it-IT',
      bypassCSP: true,
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/chat/${channelId}`)
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).waitFor()
    assert.equal(await page.title(), 'Chat')
    assert.equal(await page.getByRole('button', { name: 'Apri la chat' }).count(), 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'widget-fullpage-390')
    await context.close()
  })
})
