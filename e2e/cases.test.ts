// Cases in Chromium: a mother calls the office about her son (a contact logged by hand), the
// volunteer opens a case from it; the son writes later and his conversation joins the case in two clicks; a plan,
// a follow-up asked for on a Sunday (the line is closed on Sundays: it lands on Monday's opening),
// the reminder on Monday, a supervisor's review the volunteer then reads, and the line writing
// first to the son on WhatsApp by the approved template once he agreed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { closeOnSundays } from '../apps/server/src/testing/closed-on-sundays.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

const TEMPLATE = {
  name: 'ricontatto_percorso',
  language: 'it',
  text: 'Ti scriviamo come concordato: rispondi quando vuoi.',
}

describe('cases at the desk, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  // Saturday 5 December 2026, 11:00 in Rome
  let now = new Date('2026-12-05T10:00:00Z')

  let fake: FakeWhatsApp

  before(async () => {
    server = await startTestServer({}, { clock: () => now })
    fake = await startFakeWhatsApp()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  async function take(page: Page, text: string) {
    await page.getByRole('tab', { name: 'In attesa' }).click()
    await page
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await page.getByRole('region', { name: 'Messaggi' }).getByText(text).waitFor()
    await page.getByRole('button', { name: 'Prendi in carico' }).click()
    await page.locator('.conversation-status').getByText('Presa in carico da te').waitFor()
  }

  it('opens a case, joins a later conversation, plans, follows up on Monday, and is reviewed', async () => {
    const line = await makeHelpline(server.pool)
    await closeOnSundays(server.pool, line.helplineId)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const elena = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    const volunteer = await openDesk(browser, server.url, giulia.email, contexts)

    // the mother calls the office phone: a contact logged by hand
    await volunteer.getByRole('link', { name: 'Registra un contatto' }).click()
    const form = volunteer.getByRole('main')
    await form.getByLabel('Come è avvenuto').selectOption({ label: "Telefono dell'ufficio" })
    await form.getByLabel('Chi si è messo in contatto').selectOption({ label: 'Un familiare' })
    await form.getByLabel('Quando').fill('2026-12-05T09:30')
    await form.getByLabel('Durata (minuti)').fill('15')
    await form.getByLabel('Note').fill('Sono la madre di un ragazzo che beve ogni sera')
    await screenshot(volunteer, 'console-logged-contact-1280')
    assert.deepEqual(await wcagViolations(volunteer), [])
    await form.getByRole('button', { name: 'Registra' }).click()
    await volunteer
      .getByRole('region', { name: 'Messaggi' })
      .getByText('Sono la madre di un ragazzo che beve ogni sera')
      .waitFor()
    await volunteer.locator('.conversation-status').getByText('Presa in carico da te').waitFor()
    await volunteer
      .locator('.conversation-meta')
      .getByText(/Registrato a mano/)
      .waitFor()
    const panel = volunteer.getByRole('region', { name: 'Percorso di aiuto' })
    await panel.getByRole('button', { name: 'Apri un percorso' }).click()
    await panel.getByLabel('Titolo (senza nomi)').fill('Alcol, figlio 19 anni')
    await panel.getByLabel('Chi è per la persona seguita').fill('madre')
    await panel.getByRole('button', { name: 'Apri', exact: true }).click()
    await panel.getByRole('link', { name: 'Alcol, figlio 19 anni' }).waitFor()
    await screenshot(volunteer, 'console-case-panel-1280')

    // the son writes later, on WhatsApp
    const whatsapp = await connectFakeWhatsApp(server, fake, {
      helplineId: line.helplineId,
      template: TEMPLATE,
    })
    const son = { phone: '393490000123' }
    const written = await postWhatsAppWebhook(
      whatsapp.webhookUrl,
      whatsapp.appSecret,
      whatsappPayload({ messages: [whatsappText(son, 'Ciao, mia madre mi ha detto di scrivervi')] }),
    )
    assert.equal(written.status, 200)
    await take(volunteer, 'Ciao, mia madre mi ha detto di scrivervi')
    // two clicks: "Aggiungi a un percorso", then "Aggiungi" on the one case offered
    await panel.getByRole('button', { name: 'Aggiungi a un percorso' }).click()
    await panel
      .getByLabel('Percorso')
      .locator('option', { hasText: 'Alcol, figlio 19 anni' })
      .waitFor({ state: 'attached' })
    await panel.getByRole('button', { name: 'Aggiungi', exact: true }).click()
    await panel.getByRole('link', { name: 'Alcol, figlio 19 anni' }).click()

    const page = volunteer.getByRole('main')
    await page.getByRole('heading', { name: 'Alcol, figlio 19 anni' }).waitFor()
    await page.getByText(/persona seguita/).waitFor()
    await page.getByText(/madre$/).waitFor()
    const plan = page.getByRole('region', { name: 'Piano' })
    await plan.getByLabel('Nuovo obiettivo').fill('Primo colloquio al SerD')
    await plan.getByRole('button', { name: "Aggiungi l'obiettivo" }).click()
    await plan.getByLabel('Nuovo passo').fill('Trovare con lui il SerD di zona')
    await plan.getByRole('button', { name: 'Aggiungi il passo' }).click()
    await plan.getByRole('checkbox', { name: /Trovare con lui il SerD di zona/ }).click()
    await plan.getByText(/fatto da Giulia/).waitFor()

    // the browser runs in UTC: Sunday 6 December 10:00 UTC, when the line is closed
    const followUps = page.getByRole('region', { name: 'Ricontatti' })
    await followUps.getByLabel('Ricontatto da fare').fill('Richiamare la madre dopo il colloquio')
    await followUps.getByLabel(/^Quando/).fill('2026-12-06T10:00')
    await followUps.getByRole('button', { name: 'Programma il ricontatto' }).click()
    // Monday's opening, 09:00 in Rome
    await followUps.getByText(/lun 7 dic.*08:00 · Richiamare la madre dopo il colloquio/).waitFor()
    await screenshot(volunteer, 'console-case-1280')
    assert.deepEqual(await wcagViolations(volunteer), [])

    // Monday, 10:30 in Rome: the reminder on the desk, and in "Da fare oggi"
    now = new Date('2026-12-07T09:30:00Z')
    await volunteer.goto(`${server.url}/#/`)
    await volunteer.getByRole('link', { name: 'Da fare oggi (1)' }).click()
    const today = volunteer.getByRole('region', { name: 'Da fare oggi' })
    await today.getByText(/Richiamare la madre dopo il colloquio · in ritardo/).waitFor()
    await screenshot(volunteer, 'console-cases-today-1280')

    const supervisor = await openDesk(browser, server.url, elena.email, contexts)
    await supervisor.getByRole('link', { name: 'Percorsi' }).click()
    await supervisor.getByRole('link', { name: 'Alcol, figlio 19 anni' }).click()
    const notes = supervisor.getByRole('region', { name: 'Note e supervisione' })
    await notes.getByLabel('Riscontro della supervisione').fill('Bene il SerD; coinvolgete anche il padre.')
    await notes.getByRole('button', { name: 'Firma la revisione' }).click()
    await supervisor
      .getByRole('region', { name: 'Cronologia' })
      .getByText(/Revisione della supervisione · Elena/)
      .waitFor()

    await volunteer
      .getByRole('region', { name: 'I percorsi' })
      .getByRole('link', { name: 'Alcol, figlio 19 anni' })
      .click()
    await volunteer.getByText('Bene il SerD; coinvolgete anche il padre.').waitFor()

    // the son agreed to be written to on WhatsApp; three days on, past its window, the line writes first
    await server.pool.query(
      `update contact_identity set last_inbound_at = now() - interval '3 days' where channel_id = $1`,
      [whatsapp.channelId],
    )
    const people = volunteer.getByRole('region', { name: 'Persone' })
    await people.getByRole('button', { name: 'Scrivi per primi su WhatsApp' }).waitFor({ state: 'detached' })
    await people.getByRole('button', { name: 'Ha acconsentito a essere ricontattata su WhatsApp' }).click()
    await people.getByText(/Consenso a essere ricontattata su WhatsApp/).waitFor()
    // what goes past the window is said where it applies, on WhatsApp
    await people.getByText(/^Su WhatsApp, passate 24 ore/).waitFor()
    await screenshot(volunteer, 'console-case-consent-1280')
    await people.getByRole('button', { name: 'Scrivi per primi su WhatsApp' }).click()
    await volunteer.locator('.conversation-meta').getByText('WhatsApp').waitFor()
    const [first] = await fake.waitForSent(1)
    assert.equal(first?.template?.name, 'ricontatto_percorso')
    await volunteer.goBack()

    const phone = await openDesk(browser, server.url, giulia.email, contexts, { width: 390, height: 844 })
    await phone.goto(volunteer.url())
    await phone.getByRole('heading', { name: 'Alcol, figlio 19 anni' }).waitFor()
    await screenshot(phone, 'console-case-390')
  })
})
