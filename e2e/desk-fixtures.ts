// What the desk's browser tests share: the desk settings and a person writing in (from the
// server's test helpers), a signed-in console, and an accessibility check.
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { TEST_PASSWORD } from '../apps/server/src/testing/test-server.ts'

export {
  DESK_SETTINGS,
  setDeskSettings,
  setWordList,
  writeIn,
} from '../apps/server/src/testing/desk-settings.ts'

/**
 * A console signed in as `email`, on the queue. The CSP is bypassed only so that axe-core can be
 * injected (the console itself has no inline script); the context is added to `contexts`, to close.
 */
export async function openDesk(
  browser: Browser,
  url: string,
  email: string,
  contexts: BrowserContext[],
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'it-IT', bypassCSP: true })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(url)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Accedi' }).click()
  await page.getByRole('tab', { name: 'In attesa' }).waitFor()
  return page
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
type AxeResult = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }

/**
 * axe-core's WCAG 2.2 A and AA rules on the page as it is now; answers the findings, one line
 * each. The page's context must bypass the CSP, which refuses the injected script otherwise.
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return result.violations
  })
  return (violations as AxeResult[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  )
}

/** Opens the conversation's "Altro" (block, legal hold, the address, export, erase), if closed. */
export async function openMore(page: Page) {
  const toggle = page.getByRole('button', { name: 'Altro' })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
}
