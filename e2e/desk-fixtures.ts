// What the desk's browser tests share: a helpline's desk settings, a person writing in, and an
// accessibility check.
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { call } from '../apps/server/src/testing/test-server.ts'

export const DESK_SETTINGS = {
  categories: [
    { id: 'loneliness', label: { it: 'Solitudine', en: 'Loneliness' } },
    { id: 'bullying', label: { it: 'Bullismo', en: 'Bullying' } },
    { id: 'dark-periods', label: { it: 'Periodi bui', en: 'Dark periods' } },
  ],
  closingForm: [
    {
      id: 'outcome',
      label: { it: 'Esito', en: 'Outcome' },
      required: true,
      options: [
        { id: 'listened', label: { it: 'Ascoltata', en: 'Listened to' } },
        { id: 'referred', label: { it: 'Indirizzata a un servizio', en: 'Referred to a service' } },
      ],
    },
  ],
  escalationPlaybook: [
    {
      id: 'assess',
      label: { it: 'Valuta il rischio con la persona', en: 'Assess the risk with the person' },
    },
    {
      id: 'emergency',
      label: { it: 'Chiama i servizi di emergenza (112)', en: 'Call emergency services (112)' },
    },
    {
      id: 'child-protection',
      label: { it: 'Informa i servizi per la tutela dei minori', en: 'Inform child protection' },
    },
  ],
}

/** A person writes in the helpline's web chat, as the widget would. */
export async function writeIn(server: { url: string }, channelId: string, token: string, text: string) {
  const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
    token,
    body: { clientId: randomUUID(), text },
  })
  if (sent.status !== 201) throw new Error(`writing in failed: ${sent.status}`)
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
