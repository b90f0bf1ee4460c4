// The directory of services in Chromium: a coordinator imports the starting directory docs/ ships
// for the anti-trafficking line, a broken file is refused with its problems by line and column and
// nothing changed, an entry never checked shows as such; a volunteer in a conversation with a
// person writing in Romanian finds the national number by topic and puts it into the reply, in
// Romanian, and sends it.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
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

const STARTER = new URL('../docs/directory/anti-trafficking-line.csv', import.meta.url)
const ROMANIAN =
  'Numărul verde național anti-trafic: 800 290 290. Gratuit, anonim, în mai multe limbi, 24 de ore din 24.'

describe('the directory of services, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('is imported by a coordinator; a broken file changes nothing and says where it is wrong', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const desk = await openDesk(browser, server.url, coordinator.email, contexts)
    await desk.getByRole('link', { name: 'Servizi', exact: true }).click()
    await desk.getByRole('heading', { name: 'Servizi della rete' }).waitFor()
    await desk.getByText('0 servizi').waitFor()

    const starter = await readFile(STARTER)
    await desk
      .getByLabel('Importa un CSV…')
      .setInputFiles({ name: 'servizi.csv', mimeType: 'text/csv', buffer: starter })
    await desk.getByRole('status').filter({ hasText: 'Importati 6 servizi' }).waitFor()
    const national = desk.getByRole('article', { name: /Numero Verde nazionale Antitratta/ })
    await national.getByText('800 290 290 (gratuito e anonimo, multilingue)').waitFor()
    await national.getByText('Da verificare: mai verificato').waitFor()
    await screenshot(desk, 'console-directory-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    const broken = `${starter.toString('utf8').trimEnd()}\nSenza servizio,,,,,,,,,,,,,,\nEnte,Servizio,,,,,,rumeno,,02 1,,ieri,,,\n`
    await desk
      .getByLabel('Importa un CSV…')
      .setInputFiles({ name: 'rotto.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) })
    const problems = desk.getByRole('alert')
    await problems.getByText('Il file non è stato importato: ha 4 problemi. Non è cambiato nulla.').waitFor()
    assert.deepEqual(await problems.getByRole('listitem').allTextContents(), [
      'Riga 8, colonna service: manca il valore',
      'Riga 8, colonna reach: manca il valore',
      'Riga 9, colonna languages: non è un codice di lingua (it, en, ro…)',
      'Riga 9, colonna last_checked: non è una data AAAA-MM-GG',
    ])
    assert.equal(await desk.getByRole('article').count(), 6)
    assert.equal(await desk.getByText('Importati 6 servizi').count(), 0)
    await screenshot(desk, 'console-directory-refused-1280')

    await desk.setViewportSize({ width: 390, height: 844 })
    await desk.getByLabel('Tema', { exact: true }).selectOption('tratta')
    await desk.getByText('4 servizi').waitFor()
    await national.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-directory-390')
    const overflow = await desk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the directory scrolls sideways by ${overflow}px at 390 px`)
  })

  it("puts a service into the reply in the person's language", async () => {
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Ioana',
    )
    await writeIn(
      server,
      line.channelId,
      visitorToken(),
      'Bună ziua, lucrez într-o fabrică fără acte și nu mă lasă să plec. Vă rog să mă ajutați.',
    )
    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    await desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link').first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    const panel = desk.getByRole('region', { name: 'Servizi della rete' })
    await panel.getByLabel('Tema', { exact: true }).selectOption('sfruttamento lavorativo')
    const national = panel.getByRole('article', { name: /Numero Verde nazionale Antitratta/ })
    await national.getByRole('button', { name: 'Inserisci nella risposta' }).click()
    const reply = desk.getByLabel('Risposta', { exact: true })
    assert.equal(await reply.inputValue(), ROMANIAN)
    await screenshot(desk, 'console-directory-panel-1280')

    await desk.getByRole('button', { name: 'Invia' }).click()
    await desk.locator('.message-list').getByText(ROMANIAN).waitFor()
    assert.equal(await reply.inputValue(), '')
  })
})
