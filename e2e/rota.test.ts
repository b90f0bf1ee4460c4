// The rota in Chromium: a coordinator builds a week over an evening line's opening hours, reads
// its gaps in words and fills them; an operator confirms, offers a swap that a colleague accepts,
// who takes his calendar address, whose feed an iCalendar parser reads back, and asks for a reminder.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ICAL from 'ical.js'
import type { Browser, BrowserContext } from 'playwright-core'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import { rome, setOpening } from '../apps/server/src/testing/rota-fixtures.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

// Monday 2 March 2026, noon in Rome: the screen opens on that week
const NOW = rome('2026-03-02 12:00')
let now = NOW

describe('the rota, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  before(async () => {
    server = await startTestServer({}, { clock: () => now })
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('builds a week, names and fills its gaps, swaps a shift and serves the calendar', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const carla = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const marco = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marco')
    // the languages they gave in their accounts (Marco's English is basic: not covered)
    await server.pool.query(
      `insert into operator_language (user_id, language, level)
       values ($1, 'ro', 'native'), ($2, 'ro', 'fluent'), ($2, 'ar', 'native'), ($2, 'en', 'basic')`,
      [anna.userId, marco.userId],
    )
    await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara')
    // open on Saturdays and Tuesdays, 19–21
    const evening = [{ start: '19:00', end: '21:00' }]
    await setOpening(server, helplineId, carla.cookie, { tue: evening, sat: evening })

    // the coordinator builds the week: Saturdays 19–21, two volunteers and a supervisor
    const desk = await openDesk(browser, server.url, carla.email, contexts)
    await desk.getByRole('link', { name: 'Turni' }).click()
    await desk.getByRole('heading', { name: /^Turni · /, level: 1 }).waitFor()
    const gaps = desk.getByRole('region', { name: 'Buchi nella copertura' })
    await gaps.getByText('martedì 19–21: nessuno in turno').waitFor()
    await gaps.getByText('sabato 19–21: nessuno in turno').waitFor()
    const form = desk.getByRole('form', { name: 'Nuovo turno' })
    await form.getByLabel('Dal giorno').fill('2026-03-07')
    await form.getByLabel('Inizio').fill('19:00')
    await form.getByLabel('Fine').fill('21:00')
    await form.getByRole('checkbox', { name: 'sab' }).check()
    await form.getByLabel('Volontariato').fill('2')
    await form.getByLabel('Supervisione').fill('1')
    await form.getByRole('button', { name: 'Crea il turno' }).click()
    await desk.getByRole('status').filter({ hasText: 'Turno creato.' }).waitFor()
    await gaps.getByText('sabato 19–21: volontariato, mancano 2 persone').waitFor()
    await gaps.getByText('nessuna supervisione sabato 19–21').waitFor()
    await gaps.getByText('martedì 19–21: nessuno in turno').waitFor()
    await desk.evaluate(() => window.scrollTo(0, 0))
    await screenshot(desk, 'console-rota-gaps-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    // she fills the gap: Anna and Marco as volunteers, Sara as supervisor
    const saturday = desk
      .getByRole('listitem')
      .filter({ has: desk.getByRole('heading', { name: 'sabato 7 · 19–21' }) })
    for (const [who, as] of [
      ['Anna', 'volontariato'],
      ['Marco', 'volontariato'],
      ['Sara', 'supervisione'],
    ] as const) {
      await saturday.getByLabel('Chi').selectOption({ label: who })
      await saturday.getByLabel('Come').selectOption({ label: as })
      await saturday.getByRole('button', { name: 'Assegna' }).click()
      await saturday.getByText(`${who} (${as}) · da confermare`).waitFor()
    }
    await gaps.getByText('sabato 19–21', { exact: false }).waitFor({ state: 'detached' })
    // the languages the Saturday covers, from the people on it
    await saturday.getByText('Lingue coperte: rumeno: 2 persone · arabo: 1 persona').waitFor()
    await saturday.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-rota-languages-1280')
    const unconfirmed = desk.getByRole('region', { name: 'Non hanno confermato' })
    await unconfirmed.getByText('Anna: sabato 19–21').waitFor()

    // on her phone, Anna confirms, then offers her Saturday to Luca (Marco is on it already),
    // who accepts in his own console
    const luca = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Luca')
    const annaDesk = await openDesk(browser, server.url, anna.email, contexts, { width: 390, height: 844 })
    await annaDesk.goto(`${server.url}/#/rota/${helplineId}`)
    await annaDesk.getByRole('heading', { name: /^Turni · /, level: 1 }).waitFor()
    await screenshot(annaDesk, 'console-rota-week-390')
    const hers = annaDesk
      .getByRole('listitem')
      .filter({ has: annaDesk.getByRole('heading', { name: 'sabato 7 · 19–21' }) })
    await hers.getByRole('button', { name: 'Confermo' }).click()
    await hers.getByText('Anna (volontariato)').waitFor()
    await hers.getByText('Anna (volontariato) · da confermare').waitFor({ state: 'detached' })
    await hers.getByLabel('Scambia con').selectOption({ label: 'Luca' })
    await hers.getByRole('button', { name: 'Proponi' }).click()
    await hers.getByText('scambio proposto a Luca').waitFor()
    await screenshot(annaDesk, 'console-rota-swap-390')
    assert.deepEqual(await wcagViolations(annaDesk), [])

    const lucaDesk = await openDesk(browser, server.url, luca.email, contexts)
    await lucaDesk.goto(`${server.url}/#/rota/${helplineId}`)
    const offered = lucaDesk
      .getByRole('listitem')
      .filter({ has: lucaDesk.getByRole('heading', { name: 'sabato 7 · 19–21' }) })
    await offered.getByRole('button', { name: 'Accetto lo scambio' }).click()
    await offered.getByText('Luca (volontariato)').waitFor()
    assert.equal(await offered.getByText('Anna (volontariato)').count(), 0)

    // Luca takes his calendar address: the feed has his Saturday, on the wall clock of Rome
    await lucaDesk.getByRole('button', { name: "Crea l'indirizzo del calendario" }).click()
    const address = await lucaDesk.getByLabel('Indirizzo del calendario (mostrato solo ora)').inputValue()
    const feed = await fetch(`${server.url}${new URL(address).pathname}`)
    assert.equal(feed.status, 200)
    const events = new ICAL.Component(ICAL.parse(await feed.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
    assert.deepEqual(
      events.map((e) => [e.startDate.toJSDate().getTime(), e.endDate.toJSDate().getTime()]),
      [[rome('2026-03-07 19:00').getTime(), rome('2026-03-07 21:00').getTime()]],
    )
    await screenshot(lucaDesk, 'console-rota-calendar-1280')

    // and asks for an e-mail an hour before each of his shifts
    await lucaDesk.getByLabel("Un'e-mail prima di ogni mio turno").selectOption({ label: "Un'ora prima" })
    await lucaDesk.getByRole('status').filter({ hasText: 'Promemoria salvato.' }).waitFor()
    const { rows: reminder } = await server.pool.query<{ minutes: number }>(
      'select shift_reminder_minutes as minutes from app_user where id = $1',
      [luca.userId],
    )
    assert.equal(reminder[0]?.minutes, 60)

    // Saturday 19:00: Luca, on a break, is offered "Disponibile" at the desk; at 20:50, the hand-over
    const away = await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: luca.cookie,
      body: { availability: 'away' },
    })
    assert.equal(away.status, 200)
    now = rome('2026-03-07 19:00')
    await lucaDesk.goto(`${server.url}/#/`)
    const prompt = lucaDesk
      .getByRole('status')
      .filter({ hasText: 'Il tuo turno è iniziato (fino alle 21:00).' })
    await prompt.getByRole('button', { name: 'Disponibile' }).click()
    await prompt.waitFor({ state: 'detached' })
    // the switch reads the new state again from the server (its key changed): wait for it to show it
    await eventually(
      'the switch shows available',
      async () => (await lucaDesk.getByLabel('Disponibilità').inputValue()) === 'available',
    )
    now = rome('2026-03-07 20:50')
    await lucaDesk.reload()
    await lucaDesk
      .getByRole('status')
      .filter({ hasText: 'Il tuo turno finisce alle 21:00: passa le conversazioni aperte' })
      .waitFor()
    await screenshot(lucaDesk, 'console-rota-handover-1280')
  })
})
