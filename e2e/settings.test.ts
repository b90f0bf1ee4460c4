// A coordinator's evening in Chromium: the listening line's settings imported from its file, a
// mistake named by the server and found in the form, fixed and saved; the preview of Christmas
// evening and of a Monday night; then, at the desk, a redirect sent with one click and a legal hold.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openMore } from './desk-fixtures.ts'

const settingsDir = path.resolve(import.meta.dirname, '..', 'docs', 'settings')

describe('the helpline settings in the console, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let listening: { helplineId: string; channelId: string }
  let desk: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    listening = await makeHelpline(server.pool)
    desk = await makeHelpline(server.pool)
    coordinator = await makeOperator(
      server,
      [
        { helplineId: listening.helplineId, role: 'coordinator' },
        { helplineId: desk.helplineId, role: 'coordinator' },
      ],
      'Chiara',
    )
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function signIn(page: Page) {
    await page.goto(server.url)
    await page.getByLabel('E-mail').fill(coordinator.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Accedi' }).click()
    await page.getByRole('tab', { name: 'In attesa' }).waitFor()
  }

  it('imports, refuses with every problem named, saves, and previews', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT' })
    const page = await context.newPage()
    await signIn(page)

    await page.getByRole('link', { name: 'Impostazioni' }).click()
    await page.getByRole('heading', { name: 'Impostazioni della linea' }).waitFor()
    await page.getByLabel('Linea', { exact: true }).selectOption(listening.helplineId)
    assert.match(page.url(), new RegExp(`#/settings/${listening.helplineId}$`))
    // a new helpline is open day and night until its settings say otherwise
    await page.getByLabel('Aperta 24 ore su 24').waitFor()
    assert.equal(await page.getByLabel('Aperta 24 ore su 24').isChecked(), true)

    await page.getByLabel('Importa file').setInputFiles(path.join(settingsDir, 'listening-line.json'))
    await page.getByText('File importato: listening-line.json').waitFor()
    assert.equal(await page.getByLabel('Nome della linea').inputValue(), "Linea d'ascolto su WhatsApp")
    assert.equal(await page.getByLabel('Aperta 24 ore su 24').isChecked(), false)

    // two mistakes: a Monday range that ends when it starts, an empty Italian out-of-hours reply
    const monday = page.getByRole('group', { name: 'Lunedì', exact: true })
    await monday.getByLabel('Alle', { exact: true }).fill('18:00')
    const outOfHours = page.getByRole('group', { name: 'Fuori orario', exact: true })
    await outOfHours.getByLabel('Testo in italiano').fill('')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()

    const problems = page.getByRole('alert')
    await problems.getByText('Problemi da correggere: 2').waitFor()
    const items = await problems.getByRole('listitem').allTextContents()
    assert.ok(
      items.some((item) =>
        item.startsWith('Orari di apertura › Lunedì › fascia 1: starts and ends at 18:00'),
      ),
    )
    assert.ok(
      items.some((item) => item.startsWith('Risposte automatiche › Fuori orario: needs a text in it')),
    )
    assert.equal(await monday.getByLabel('Alle', { exact: true }).getAttribute('aria-invalid'), 'true')
    assert.equal(await monday.getByLabel('Dalle', { exact: true }).getAttribute('aria-invalid'), 'true')
    assert.equal(await outOfHours.getByLabel('Testo in italiano').getAttribute('aria-invalid'), 'true')

    // each problem leads to its field
    await problems.getByRole('button', { name: 'Orari di apertura › Lunedì › fascia 1' }).click()
    assert.equal(
      await monday.getByLabel('Dalle', { exact: true }).evaluate((input) => input === document.activeElement),
      true,
    )
    await monday.getByLabel('Alle', { exact: true }).fill('21:00')
    await outOfHours
      .getByLabel('Testo in italiano')
      .fill('Grazie per averci scritto. Ora la linea è chiusa: ti risponderemo {nextOpening}.')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
    assert.equal(await page.getByRole('alert').count(), 0)

    const saved = await call(`${server.url}/api/helplines/${listening.helplineId}/settings`, {
      cookie: coordinator.cookie,
    })
    assert.deepEqual(saved.body.opening.weekly.mon, [{ start: '18:00', end: '21:00' }])
    assert.equal(saved.body.name, "Linea d'ascolto su WhatsApp")
    // where to find help now, for an imminent risk written while closed: imported, shown, kept
    const urgent = page.getByRole('group', { name: 'Rischio imminente a linea chiusa', exact: true })
    assert.match(await urgent.getByLabel('Testo in italiano').inputValue(), /chiama subito il 112/)
    assert.match(saved.body.autoReplies.urgent.it, /chiama subito il 112/)
    await urgent.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-urgent-reply-1280')
    await page.getByRole('heading', { name: 'Impostazioni della linea' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-1280')

    // the preview reads the saved rules, in the helpline's time
    const preview = page.getByRole('region', { name: 'Anteprima' })
    await preview.getByLabel('Data e ora').fill('2026-12-25T19:00')
    await preview.getByRole('button', { name: 'Mostra anteprima' }).click()
    const state = preview.getByRole('status')
    await state.filter({ hasText: 'venerdì 25 dicembre' }).waitFor()
    assert.match((await state.textContent()) ?? '', /^Chiusa · .* · festivo: Natale\b/)
    await preview.getByText('Oggi è festa e la linea è chiusa').waitFor()

    await preview.getByLabel('Data e ora').fill('2026-11-23T22:00')
    await preview.getByLabel('Primo messaggio della persona').uncheck()
    await preview.getByRole('button', { name: 'Mostra anteprima' }).click()
    await state.filter({ hasText: 'lunedì 23 novembre' }).waitFor()
    assert.match((await state.textContent()) ?? '', /^Chiusa · .* · fuori orario$/)
    await preview.getByText('domani dalle 18:00 (martedì 24 novembre').waitFor()
    await preview.getByText('ti risponderemo domani dalle 18:00').waitFor()
    // not the person's first message: no welcome
    assert.equal(await preview.getByText('Benvenuto', { exact: true }).count(), 0)
    await preview.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-preview-1280')

    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('heading', { name: 'Impostazioni della linea' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-390')

    // back to the desk, from the screen's own link
    await page.getByRole('link', { name: 'Torna alle conversazioni' }).click()
    await page.getByRole('tab', { name: 'In attesa' }).waitFor()
    await context.close()
  })

  it('sends a redirect from a conversation and puts a legal hold on the person', async () => {
    const { $schema: _schema, ...file } = JSON.parse(
      await readFile(path.join(settingsDir, 'social-services-desk.json'), 'utf8'),
    )
    const put = await call(`${server.url}/api/helplines/${desk.helplineId}/settings`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: file,
    })
    assert.equal(put.status, 200)
    await call(`${server.url}/api/widget/v1/channels/${desk.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: crypto.randomUUID(), text: 'Come chiedo la casa popolare?' },
    })

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    await signIn(page)
    await page
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await page.getByRole('region', { name: 'Messaggi' }).getByText('Come chiedo la casa popolare?').waitFor()

    // a redirect needs the conversation in my hands
    const redirect = page.getByRole('button', { name: 'Reindirizza' })
    assert.equal(await redirect.isDisabled(), true)
    await page.getByRole('button', { name: 'Prendi in carico' }).click()
    await redirect.click()
    await page.getByRole('button', { name: 'Ufficio casa' }).click()
    await page.getByRole('status').filter({ hasText: 'Reindirizzamento inviato: Ufficio casa' }).waitFor()
    await page
      .getByRole('region', { name: 'Messaggi' })
      .getByText("Per la casa popolare e i contributi per l'affitto")
      .waitFor()

    await openMore(page)
    await page.getByRole('button', { name: 'Blocco legale' }).click()
    const dialog = page.getByRole('dialog', { name: /^Blocco legale per Persona #/ })
    // the reason is required: nothing is sent without it
    await dialog.getByRole('button', { name: 'Conferma' }).click()
    assert.equal(await dialog.isVisible(), true)
    await dialog.getByLabel('Richiesta o motivo').fill('Richiesta della Procura n. 12/2026')
    await dialog.getByRole('button', { name: 'Conferma' }).click()
    await page.getByRole('status').filter({ hasText: 'Blocco legale attivo' }).waitFor()
    assert.equal(await dialog.count(), 0)

    // the dialog now offers to lift it
    await openMore(page)
    await page.getByRole('button', { name: 'Blocco legale' }).click()
    assert.equal(await dialog.getByLabel('Togli il blocco legale').isChecked(), true)
    await dialog.getByLabel('Richiesta o motivo').fill('Indagine conclusa')
    await dialog.getByRole('button', { name: 'Conferma' }).click()
    await page.getByRole('status').filter({ hasText: 'Nessun blocco legale.' }).waitFor()
    await context.close()
  })
})
