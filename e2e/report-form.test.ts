// "Segnala" in Chromium: a report sent anonymously from the form's own page (a phone) and from a
// WordPress page with [ascolto_report]; the desk sees its answers laid out as the form, takes it
// and answers; from another browser the receipt code opens the thread, shows the answer, and the
// reporter adds to the report; a wrong or made-up code gets the same answer, and a guesser is
// stopped; quick exit leaves as the chat's does. A dump of the database then holds neither the
// codes nor the answers in clear.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { FLOOD_LIMITS } from '../apps/server/src/plugins/flood-limits.ts'
import { dumpDatabase } from '../apps/server/src/testing/database-dump.ts'
import { noteMadeUp } from '../apps/server/src/testing/log-scan.ts'
import { giveReportForm } from '../apps/server/src/testing/report-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { pluginDir } from '../scripts/pack-wordpress.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk } from './desk-fixtures.ts'
import { countRows, type HostSite, startHostSite, startNeutralPage } from './widget-helpers.ts'

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

const WHAT = 'Una ragazza lavora in un bar tutta la notte, le hanno tolto il passaporto'
const WHERE = 'Bar sul lungomare di Rimini, vicino al porto'
const ANSWER = 'Grazie della segnalazione: ce ne occupiamo. Ricordi se è sempre lo stesso turno?'
const MORE = 'Sì, ogni sera dalle 22, la vedo da due settimane'
const FROM_WORDPRESS = 'Un cantiere dove gli operai dormono nei container e non escono mai'
for (const text of [WHAT, WHERE, ANSWER, MORE, FROM_WORDPRESS]) noteMadeUp(text)

/** Fills the default form (docs/settings/anti-trafficking-line.json) in Italian and sends it: the receipt code. */
async function sendReportFrom(page: Page, what: string, where: string) {
  await page.getByRole('textbox', { name: /Cosa sta succedendo\?/ }).fill(what)
  await page.getByRole('textbox', { name: /^Dove\?/ }).fill(where)
  await page
    .getByRole('group', { name: /Chi è a rischio\?/ })
    .getByRole('radio', { name: 'Una donna' })
    .check()
  await page
    .getByRole('group', { name: /Qualcuno è in pericolo immediato\?/ })
    .getByRole('radio', { name: 'No' })
    .check()
  await page.getByRole('button', { name: 'Invia la segnalazione' }).click()
  await page.getByRole('heading', { name: 'Segnalazione inviata. Grazie.' }).waitFor({ timeout: 60_000 })
  const code = (await page.locator('.report-code').textContent())?.trim() ?? ''
  noteMadeUp(code)
  assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/)
  return code
}

describe('the report form, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let site: HostSite
  let neutral: HostSite
  const contexts: BrowserContext[] = []
  const codes: string[] = []
  const newPage = async (
    viewport: { width: number; height: number },
    options: { locale?: string; headers?: Record<string, string> } = {},
  ) => {
    const context = await browser.newContext({
      viewport,
      locale: options.locale ?? 'it-IT',
      extraHTTPHeaders: options.headers,
    })
    contexts.push(context)
    return context.newPage()
  }
  const formUrl = () => `${server.url}/report/${line.channelId}`

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    await giveReportForm(server.pool, line.helplineId)
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    neutral = await startNeutralPage()
    const harness = path.join(pluginDir, '..', 'test-harness.php')
    const [embed] = JSON.parse(
      execFileSync('php', [harness], {
        input: JSON.stringify({
          options: { server: server.url, channel: line.channelId, exit_url: neutral.url },
          calls: [{ call: 'report-shortcode', atts: { height: '1100' } }],
        }),
      }).toString(),
    ) as Array<{ returned: string }>
    site = await startHostSite({ ascoltoUrl: server.url, channelId: line.channelId, embed: embed?.returned })
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await site?.close()
    await neutral?.close()
    await server?.close()
  })

  it('sends a report from its page on a phone, answered at the desk and read back with the code elsewhere', async () => {
    const phone = await newPage(PHONE)
    await phone.goto(formUrl())
    await phone.getByRole('heading', { name: 'Segnala una situazione' }).waitFor()
    assert.equal(await phone.getByRole('button', { name: 'Esci subito dalla pagina' }).count(), 1)
    // a required answer missing: said where, nothing sent
    await phone.getByRole('button', { name: 'Invia la segnalazione' }).click()
    await phone.getByRole('alert').filter({ hasText: 'Controlla le risposte segnate sopra.' }).waitFor()
    assert.equal(await countRows(server.pool, 'select 1 from report_receipt'), 0)
    await phone.getByRole('textbox', { name: /Cosa sta succedendo\?/ }).fill(WHAT)
    await screenshot(phone, 'report-form-390')
    const code = await sendReportFrom(phone, WHAT, WHERE)
    codes.push(code)
    await screenshot(phone, 'report-receipt-390')
    assert.equal(
      await phone.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length),
      0,
    )

    // the desk: the report in the queue, on the report door, its answers as the form
    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().waitFor()
    await waiting.first().click()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    const report = messages.getByRole('region', { name: 'Segnalazione dal modulo' })
    await report.waitFor()
    assert.equal(await report.locator('dt', { hasText: 'Cosa sta succedendo?' }).count(), 1)
    await report.locator('dd', { hasText: WHAT }).waitFor()
    await report.locator('dd', { hasText: 'Una donna' }).waitFor()
    await desk.locator('.conversation-meta').getByText('Segnalazione').waitFor()
    await report.scrollIntoViewIfNeeded()
    await screenshot(desk, 'report-desk-form-1280')
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    const reply = desk.getByLabel('Risposta', { exact: true })
    await reply.fill(ANSWER)
    await reply.press('Enter')
    await messages.getByText(ANSWER).waitFor()
    await screenshot(desk, 'report-desk-1280')

    // another browser: the code, typed as written down, opens the thread with the answer
    const elsewhere = await newPage(DESKTOP)
    await elsewhere.goto(formUrl())
    await elsewhere
      .getByRole('textbox', { name: 'Codice di ricevuta' })
      .fill(code.toLowerCase().replaceAll('-', ' '))
    await elsewhere.getByRole('button', { name: 'Apri la segnalazione' }).click()
    await elsewhere.getByRole('heading', { name: 'La tua segnalazione' }).waitFor()
    await elsewhere.getByText(ANSWER).waitFor()
    await elsewhere.locator('.report-answers dd', { hasText: WHERE }).waitFor()
    await elsewhere.getByRole('textbox', { name: 'Aggiungi informazioni' }).fill(MORE)
    await elsewhere.getByRole('button', { name: 'Invia', exact: true }).click()
    await elsewhere.getByRole('status').filter({ hasText: 'Aggiunto alla segnalazione.' }).waitFor()
    await elsewhere.locator('.report-mine .report-text', { hasText: MORE }).waitFor()
    await screenshot(elsewhere, 'report-thread-1280')
    // and at the desk, in the same conversation
    await messages.getByText(MORE).waitFor()
  })

  it('answers a wrong or made-up code as an unknown one, and stops a guesser', async () => {
    const guesser = await newPage(PHONE, { headers: { 'x-forwarded-for': '203.0.113.77' } })
    await guesser.goto(formUrl())
    const box = guesser.getByRole('textbox', { name: 'Codice di ricevuta' })
    const open = guesser.getByRole('button', { name: 'Apri la segnalazione' })
    const alert = guesser.getByRole('alert').filter({ hasText: /codice|tentativi/ })
    const [code = ''] = codes
    const wrong = `${code.slice(0, 5)}${code.slice(5).replace(/[A-Z]/g, (c) => (c === 'Z' ? 'Y' : 'Z'))}`
    const answers = []
    for (const guess of [wrong, 'ABCD-EFGH-JKMN-PQRS']) {
      await box.fill(guess)
      await open.click()
      await alert.waitFor()
      answers.push(await alert.textContent())
      await box.fill('')
    }
    assert.deepEqual(answers, [
      'Nessuna segnalazione con questo codice. Controllalo e riprova.',
      'Nessuna segnalazione con questo codice. Controllalo e riprova.',
    ])
    // the rest of the guesser's tries, from the same address
    const api = `${server.url}/api/widget/v1/channels/${line.channelId}/report/thread`
    for (let i = answers.length; i < FLOOD_LIMITS.wrongReceiptsPerAddress.max; i++) {
      const guessed = await call(api, {
        headers: { 'x-forwarded-for': '203.0.113.77' },
        body: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' },
      })
      assert.equal(guessed.status, 404)
    }
    await box.fill(code)
    await open.click()
    await guesser
      .getByRole('alert')
      .filter({ hasText: 'Troppi tentativi da questa rete. Riprova tra qualche minuto.' })
      .waitFor()
    await screenshot(guesser, 'report-wrong-code-390')
  })

  it('sends a report from a WordPress page with [ascolto_report]', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const visitor = await newPage(viewport)
      await visitor.goto(site.url)
      await visitor.getByRole('heading', { name: 'Segnala una situazione' }).waitFor()
      const box = await visitor.locator('#ascolto-chat-1').boundingBox()
      assert.equal(box?.height, Math.min(1100, viewport.height))
      if (viewport === DESKTOP) {
        await screenshot(visitor, 'report-wordpress-1280')
        continue
      }
      codes.push(await sendReportFrom(visitor, FROM_WORDPRESS, 'Periferia di Verona'))
      await screenshot(visitor, 'report-wordpress-receipt-390')
      // quick exit, as the chat's: Escape three times replaces the page with the site's neutral one
      for (let i = 0; i < 3; i++) await visitor.keyboard.press('Escape')
      await visitor.waitForURL(neutral.url)
    }
    assert.equal(
      await countRows(server.pool, 'select 1 from report_receipt where helpline_id = $1', [line.helplineId]),
      2,
    )
    const onTheDoor = `select distinct c.contact_id from conversation c join channel ch on ch.id = c.channel_id
                        where ch.kind = 'report' and c.helpline_id = $1`
    assert.equal(await countRows(server.pool, onTheDoor, [line.helplineId]), 2)
  })

  it('counts the reports in the statistics, per answer to the form', async () => {
    const supervisor = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'supervisor' }],
      'Sara',
    )
    const desk = await openDesk(browser, server.url, supervisor.email, contexts)
    await desk.getByRole('link', { name: 'Statistiche' }).click()
    const reports = desk.getByRole('region', { name: 'Segnalazioni dal modulo' })
    await reports.getByText('Segnalazioni ricevute nel periodo: <5').waitFor()
    const who = reports.getByRole('table', { name: 'Chi è a rischio?' })
    await who.getByRole('row', { name: 'Una donna <5' }).waitFor()
    await who.scrollIntoViewIfNeeded()
    await screenshot(desk, 'report-statistics-1280')
  })

  it('offers the form in English, and a reader of English gets it', async () => {
    const page = await newPage(PHONE, { locale: 'en-GB' })
    await page.goto(formUrl())
    await page.getByRole('heading', { name: 'Report a situation' }).waitFor()
    await page.getByRole('textbox', { name: /What is happening\?/ }).waitFor()
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Italiano' }).click()
    await page.getByRole('heading', { name: 'Segnala una situazione' }).waitFor()
  })

  it('leaves in a dump of the database neither a receipt code nor an answer in clear', async () => {
    const { text } = await dumpDatabase(server.pool)
    assert.equal(codes.length, 2)
    for (const code of codes) {
      const secret = code.slice(5)
      for (const form of [code, code.replaceAll('-', ''), secret, secret.replaceAll('-', '')]) {
        assert.equal(text.includes(form), false, 'a receipt code in clear')
      }
    }
    for (const answer of [WHAT, WHERE, MORE, FROM_WORDPRESS, ANSWER]) {
      assert.equal(text.includes(answer), false, 'an answer in clear')
    }
  })
})
