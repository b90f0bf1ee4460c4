// Emergency take-in in Chromium: a woman writes on WhatsApp from a station; the volunteer opens an
// emergency take-in from the desk, the supervisor's console alerts and the on-call number gets the
// alert (the fake Cloud API at the edge); the volunteer records the procedure's steps, each timed
// and signed, and the supervisor following the case sees them live; the coordinator downloads the
// record for the receiving project, first without where the person is, then revealing it with a
// reason; the statistics count it.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { CaseExport } from '@ascolto/protocol'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { setEmergencyProcedure } from '../apps/server/src/testing/desk-settings.ts'
import { eventually } from '../apps/server/src/testing/eventually.ts'
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
import { openDesk, setDeskSettings, wcagViolations } from './desk-fixtures.ts'

const ON_CALL = '393331110001'
const PERSON = '393471234501'
const PLACE = 'Stazione centrale, binario 3'

describe('emergency take-in at the desk, in Chromium', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  /** The record the coordinator's click downloads, as the receiving project would read it. */
  async function downloaded(page: Page, click: () => Promise<void>) {
    const [download] = await Promise.all([page.waitForEvent('download'), click()])
    const file = await download.path()
    assert.match(download.suggestedFilename(), /^presa-in-carico-.+\.json$/)
    return JSON.parse(await readFile(file, 'utf8')) as CaseExport
  }

  it('opens with the on-call alert, records each step signed, and exports under the reveal rules', async () => {
    const line = await makeHelpline(server.pool)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Anna')
    const whatsapp = await connectFakeWhatsApp(server, fake, { helplineId: line.helplineId })
    await setDeskSettings(server, line.helplineId, anna.cookie, {
      onCall: { channelId: whatsapp.channelId, address: ON_CALL },
    })
    await setEmergencyProcedure(server, line.helplineId, anna.cookie)
    const written = await postWhatsAppWebhook(
      whatsapp.webhookUrl,
      whatsapp.appSecret,
      whatsappPayload({
        messages: [whatsappText({ phone: PERSON }, 'Aiuto, sono scappata, sono in stazione')],
      }),
    )
    assert.equal(written.status, 200)

    const supervisor = await openDesk(browser, server.url, sara.email, contexts)
    const volunteer = await openDesk(browser, server.url, giulia.email, contexts)
    await volunteer.getByRole('tab', { name: 'In attesa' }).click()
    await volunteer
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await volunteer.getByRole('region', { name: 'Messaggi' }).getByText('Aiuto, sono scappata').waitFor()
    await volunteer.getByRole('button', { name: 'Prendi in carico' }).click()
    await volunteer.locator('.conversation-status').getByText('Presa in carico da te').waitFor()

    const panel = volunteer.getByRole('region', { name: 'Percorso di aiuto' })
    await panel.getByRole('button', { name: 'Presa in carico in emergenza' }).click()
    await panel.getByText(/chi è di turno in supervisione viene avvisato subito/).waitFor()
    await panel.getByLabel('Titolo (senza nomi)').fill('Donna in stazione, notte')
    await panel.getByRole('button', { name: 'Apri e avvisa la supervisione' }).click()
    await panel.getByRole('link', { name: 'Donna in stazione, notte' }).waitFor()
    await panel.getByText('Presa in carico in emergenza ·').waitFor()

    // the supervisor's console alerts at once; the one on call is alerted outside it
    const alerts = supervisor.getByRole('region', { name: 'Avvisi per chi supervisiona' })
    await alerts.getByText(/Presa in carico in emergenza · Persona #\d+ · segnalata da Giulia/).waitFor()
    await screenshot(supervisor, 'console-emergency-alert-1280')
    await eventually('the on-call number is alerted', () => fake.sent.some((m) => m.to === ON_CALL))
    assert.match(fake.sent.find((m) => m.to === ON_CALL)?.text ?? '', /presa in carico in emergenza aperta/)
    assert.deepEqual(
      fake.sent.filter((m) => m.to === PERSON),
      [],
      'nothing goes to the person',
    )

    // the procedure, step by step, each signed and timed
    await panel.getByRole('link', { name: 'Donna in stazione, notte' }).click()
    const procedure = volunteer.getByRole('region', { name: 'Procedura di emergenza' })
    // the supervisor follows the same case: what the volunteer records shows there live
    await procedure.waitFor()
    await supervisor.goto(volunteer.url())
    const followed = supervisor.getByRole('region', { name: 'Procedura di emergenza' })
    await followed.getByRole('form', { name: 'Accoglienza trovata' }).waitFor()
    const step = (name: string) => procedure.getByRole('form', { name })
    await step('Dove si trova ora la persona').getByRole('textbox').fill(PLACE)
    await step('Dove si trova ora la persona')
      .getByRole('button', { name: /Registra/ })
      .click()
    await procedure.getByText(PLACE).waitFor()
    await step('È in pericolo immediato?').getByRole('radio', { name: 'Sì' }).check()
    await step('È in pericolo immediato?')
      .getByRole('button', { name: /Registra/ })
      .click()
    await step('Chi è stato chiamato').getByRole('checkbox', { name: '112' }).check()
    await step('Chi è stato chiamato')
      .getByRole('checkbox', { name: 'Il progetto antitratta del territorio' })
      .check()
    await step('Chi è stato chiamato')
      .getByRole('button', { name: /Registra/ })
      .click()
    await procedure.getByText('112, Il progetto antitratta del territorio').waitFor()
    await step('Accoglienza trovata')
      .getByRole('textbox')
      .fill('Casa rifugio del progetto, posto per stanotte')
    await step('Accoglienza trovata')
      .getByRole('button', { name: /Registra/ })
      .click()
    await procedure.getByText('Casa rifugio del progetto, posto per stanotte').waitFor()
    await followed.getByText('Casa rifugio del progetto, posto per stanotte').waitFor()
    await eventually(
      'four steps signed by Giulia',
      async () => (await procedure.getByText(/fatto da Giulia/).count()) === 4,
    )
    await volunteer
      .getByRole('region', { name: 'Cronologia' })
      .getByText(/È in pericolo immediato\? · Giulia/)
      .waitFor()
    await volunteer.getByRole('heading', { name: 'Donna in stazione, notte' }).scrollIntoViewIfNeeded()
    await screenshot(volunteer, 'console-emergency-case-1280')
    assert.deepEqual(await wcagViolations(volunteer), [])

    // the coordinator downloads the record: no place unless revealed, with a reason
    const coordinator = await openDesk(browser, server.url, anna.email, contexts)
    await coordinator.goto(volunteer.url())
    const exporting = coordinator.getByRole('region', { name: 'Scheda per il progetto che accoglie' })
    await exporting.getByRole('button', { name: 'Scarica la scheda' }).waitFor()
    const plain = await downloaded(coordinator, () =>
      exporting.getByRole('button', { name: 'Scarica la scheda' }).click(),
    )
    assert.deepEqual(plain.steps[0], {
      stepId: 'where-now',
      label: 'Dove si trova ora la persona',
      value: null,
      withheld: true,
      doneBy: 'Giulia',
      doneAt: plain.steps[0]?.doneAt,
    })
    assert.deepEqual(plain.addresses, [])
    assert.equal(JSON.stringify(plain).includes('binario'), false)
    await exporting.getByLabel('Includi dove si trova la persona e i suoi recapiti').check()
    await exporting.getByLabel('Perché li riveli').fill('Passaggio alla casa rifugio stanotte')
    await screenshot(coordinator, 'console-emergency-export-1280')
    const revealed = await downloaded(coordinator, () =>
      exporting.getByRole('button', { name: 'Scarica la scheda' }).click(),
    )
    assert.equal(revealed.steps[0]?.value, PLACE)
    assert.deepEqual(revealed.addresses, [{ channelKind: 'whatsapp', address: PERSON }])
    const audited = await server.pool.query(
      `select details->>'revealed' as revealed from audit_event where action = 'case.exported' order by id`,
    )
    assert.deepEqual(
      audited.rows.map((r) => r.revealed),
      ['false', 'true'],
    )

    // the statistics count it, anonymously, as an emergency take-in opened
    await coordinator.goto(`${server.url}/#/`)
    await coordinator.getByRole('link', { name: 'Statistiche' }).click()
    const cases = coordinator.getByRole('table', { name: 'Percorsi di aiuto' })
    await cases.getByRole('rowheader', { name: 'Presa in carico in emergenza' }).waitFor()
    const cells = await cases.getByRole('row').nth(1).getByRole('cell').allTextContents()
    assert.deepEqual(cells.slice(0, 2), ['<5', '0'], 'opened (one: fewer than five), closed')
    await cases.scrollIntoViewIfNeeded()
    await screenshot(coordinator, 'console-case-statistics-1280')

    const phone = await openDesk(browser, server.url, giulia.email, contexts, { width: 390, height: 844 })
    await phone.goto(volunteer.url())
    await phone.getByRole('region', { name: 'Procedura di emergenza' }).getByText(PLACE).waitFor()
    await screenshot(phone, 'console-emergency-case-390')
  })
})
