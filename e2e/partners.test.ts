// The partners screen in Chromium: a coordinator finds this installation's public key and the
// helpline's address to give a partner, adds the national number's installation with the key its
// coordinators gave, then disables it; at 1280 and 390 px, without sideways scrolling or WCAG
// violations.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  publicUrlEnv,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

describe('the partner installations, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer(await publicUrlEnv())
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('shows what to give a partner, and keeps the partners a coordinator adds and disables', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }])
    const desk = await openDesk(browser, server.url, coordinator.email, contexts)
    await desk.getByRole('link', { name: 'Servizi', exact: true }).click()
    await desk.getByRole('link', { name: 'Installazioni partner' }).click()
    await desk.getByRole('heading', { name: 'Installazioni partner' }).waitFor()
    const own = desk.getByRole('region', { name: 'Da dare ai coordinatori del partner' })
    await own.getByText(`/api/partners/v1/helplines/${helplineId}`, { exact: false }).waitFor()
    await desk.getByText('Nessuna installazione partner per ora.').waitFor()

    const key = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x as string
    await desk.getByRole('button', { name: 'Nuovo partner' }).click()
    const form = desk.getByRole('form', { name: 'Nuovo partner' })
    await form.getByLabel('Nome').fill('Numero Verde Antitratta (nazionale)')
    await form
      .getByLabel('Indirizzo per i partner')
      .fill('https://antitratta.example.org/api/partners/v1/helplines/0b8e0f43-5a43-4a4a-9a3b-3f0c2a1d9e11')
    await form.getByLabel('Chiave pubblica').fill(key)
    await form.getByRole('button', { name: 'Salva il partner' }).click()
    await desk
      .getByRole('status')
      .filter({ hasText: 'Partner salvato: Numero Verde Antitratta (nazionale)' })
      .waitFor()
    const partner = desk.getByRole('listitem').filter({ hasText: 'Numero Verde Antitratta (nazionale)' })
    await partner.getByText(key).waitFor()
    await partner.getByText('abilitato', { exact: true }).waitFor()
    await screenshot(desk, 'console-partners-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    await partner.getByRole('button', { name: 'Modifica Numero Verde Antitratta (nazionale)' }).click()
    const edit = desk.getByRole('form', { name: 'Modifica: Numero Verde Antitratta (nazionale)' })
    await edit.getByLabel('Abilitato: scambia segnalazioni con questa linea').uncheck()
    await edit.getByRole('button', { name: 'Salva il partner' }).click()
    await partner.getByText('disabilitato', { exact: true }).waitFor()
    const { rows } = await server.pool.query<{ enabled: boolean }>(
      'select enabled from partner where helpline_id = $1',
      [helplineId],
    )
    assert.deepEqual(rows, [{ enabled: false }])

    await desk.setViewportSize({ width: 390, height: 844 })
    await partner.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-partners-390')
    const overflow = await desk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the partners screen scrolls sideways by ${overflow}px at 390 px`)
  })
})
