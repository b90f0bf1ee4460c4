// Clinical supervision in Chromium: a volunteer closes a conversation and asks for its review;
// the supervisor finds it among the reviews, writes feedback and signs it off; the volunteer
// reads the feedback.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('clinical review at the desk, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  const deskFor = (email: string) => openDesk(browser, server.url, email, contexts)

  it('is asked by the volunteer, signed off by the supervisor, read by the volunteer', async () => {
    const line = await makeHelpline(server.pool)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const elena = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    await writeIn(
      server,
      line.channelId,
      visitorToken(),
      'Mio figlio gioca d’azzardo online, non so cosa fare',
    )

    const volunteer = await deskFor(giulia.email)
    await volunteer
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Persona #/ })
      .click()
    await volunteer.getByRole('button', { name: 'Prendi in carico' }).click()
    await volunteer
      .getByLabel('Risposta', { exact: true })
      .fill('Grazie di averci scritto. Parliamone insieme.')
    await volunteer.getByRole('button', { name: 'Invia' }).click()
    await volunteer.getByRole('button', { name: 'Chiudi', exact: true }).click()
    await volunteer.locator('.conversation-status').getByText('Chiusa').waitFor()
    await volunteer.getByRole('button', { name: 'Chiedi una revisione' }).click()
    const ask = volunteer.getByRole('dialog', { name: /Revisione clinica di Persona #/ })
    await ask
      .getByLabel('Che cosa vorresti rivedere?')
      .fill('Ho proposto il gruppo per familiari: era presto?')
    await ask.getByRole('button', { name: 'Chiedi la revisione' }).click()
    await volunteer.getByRole('status').filter({ hasText: 'Revisione chiesta' }).waitFor()
    await volunteer
      .getByRole('region', { name: 'Revisione clinica' })
      .getByText('In attesa della revisione')
      .waitFor()

    const supervisor = await deskFor(elena.email)
    await supervisor.getByRole('link', { name: 'Revisioni' }).click()
    await supervisor.getByRole('heading', { name: '1 da rivedere' }).waitFor()
    await screenshot(supervisor, 'console-reviews-1280')
    assert.deepEqual(await wcagViolations(supervisor), [])
    await supervisor
      .getByRole('list')
      .first()
      .getByRole('link', { name: /Persona #/ })
      .click()
    const panel = supervisor.getByRole('region', { name: 'Revisione clinica' })
    await panel.getByText('Ho proposto il gruppo per familiari: era presto?').waitFor()
    await panel
      .getByLabel('Riscontro per chi ha risposto')
      .fill('Non era presto: hai chiesto prima come stava lei. Bene così.')
    await panel.getByRole('button', { name: 'Firma la revisione' }).click()
    await panel.getByText(/Revisione di Elena/).waitFor()
    assert.deepEqual(await wcagViolations(supervisor), [])

    await volunteer.getByRole('link', { name: 'Revisioni' }).click()
    await volunteer.getByRole('heading', { name: 'I riscontri sulle tue conversazioni' }).waitFor()
    await volunteer.getByText('Non era presto: hai chiesto prima come stava lei. Bene così.').waitFor()
    await screenshot(volunteer, 'console-reviews-feedback-1280')
  })
})
