// The volunteer's desk in Chromium: the coordinator writes a canned reply; a volunteer takes a
// conversation, answers with the canned reply (/benvenuto), leaves a private note, and closes
// it with the helpline's categories and outcome, which reach the anonymous facts. Another
// helpline's conversation, opened by its address, shows nothing of it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { DESK_SETTINGS, openDesk, setDeskSettings, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('the volunteer’s desk, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  let other: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    other = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('answers with a canned reply, notes, categorises and closes', async () => {
    const coordinator = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'coordinator' }],
      'Carla',
    )
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    // the person who writes again after the close starts a new conversation here (reopening has its own test)
    await setDeskSettings(server, line.helplineId, coordinator.cookie, { ...DESK_SETTINGS, reopenHours: 0 })

    // the coordinator writes the helpline's canned reply in the console
    const manager = await openDesk(browser, server.url, coordinator.email, contexts)
    await manager.getByRole('link', { name: 'Risposte pronte' }).click()
    await manager.getByRole('heading', { name: 'Risposte pronte' }).waitFor()
    await manager.getByLabel('Scorciatoia').fill('benvenuto')
    await manager.getByLabel('Titolo').fill('Benvenuto')
    await manager.getByLabel('Testo').fill('Ciao, sono qui per ascoltarti. Scrivi pure quello che senti.')
    await manager.getByRole('button', { name: 'Salva la risposta' }).click()
    await manager.getByRole('status').filter({ hasText: 'Risposta salvata: /benvenuto' }).waitFor()
    await screenshot(manager, 'console-canned-replies-1280')

    const person = visitorToken()
    await writeIn(server, line.channelId, person, 'Mi prendono in giro a scuola, non so a chi dirlo')
    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().waitFor()
    await desk.getByRole('tabpanel', { name: 'In attesa' }).getByText('Nuova persona').waitFor()
    await waiting.first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()

    // a slash offers the canned replies; Enter puts the text in, Enter again sends it
    const reply = desk.getByLabel('Risposta', { exact: true })
    await reply.fill('/benv')
    const options = desk.getByRole('listbox', { name: 'Risposte pronte' }).getByRole('option')
    await options.filter({ hasText: '/benvenuto' }).waitFor()
    await screenshot(desk, 'console-desk-canned-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await reply.press('Enter')
    assert.equal(await reply.inputValue(), 'Ciao, sono qui per ascoltarti. Scrivi pure quello che senti.')
    await reply.press('Enter')
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await messages.getByText('Ciao, sono qui per ascoltarti. Scrivi pure quello che senti.').waitFor()
    await messages.getByText('inviato').waitFor()

    // a private note: among the messages, marked, and never in the outbox
    await desk.getByRole('button', { name: 'Scrivi una nota privata' }).click()
    await desk.getByLabel('Nota privata').fill('Parla di bullismo a scuola: da riprendere se riscrive')
    await desk.getByRole('button', { name: 'Aggiungi nota' }).click()
    await messages.getByText('Parla di bullismo a scuola: da riprendere se riscrive').waitFor()
    const notes = await server.pool.query(`select status from message where direction = 'note'`)
    assert.deepEqual(
      notes.rows.map((r) => r.status),
      ['received'],
    )

    // closing asks the helpline's categories and outcome
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const closing = desk.getByRole('dialog', { name: /Chiudere la conversazione con Persona #/ })
    await closing.getByRole('checkbox', { name: 'Bullismo' }).check()
    await closing.getByLabel('Esito').selectOption({ label: 'Indirizzata a un servizio' })
    await screenshot(desk, 'console-desk-close-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await closing.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await desk.locator('.conversation-status').getByText('Chiusa').waitFor()
    const facts = await server.pool.query('select categories, outcome from conversation_fact')
    assert.deepEqual(facts.rows, [{ categories: ['bullying'], outcome: { outcome: 'referred' } }])

    // the person writes again: the queue says they have written before, and the desk shows when
    await writeIn(server, line.channelId, person, 'Sono di nuovo io, oggi va un po’ meglio')
    const again = desk.getByRole('tabpanel', { name: 'In attesa' })
    await desk.getByRole('tab', { name: 'In attesa' }).click()
    await again.getByText('Ha già scritto (1 volta)').waitFor()
    await again.getByRole('link', { name: /Persona #/ }).click()
    const history = desk.getByText('Ha già scritto: 1 conversazione precedente')
    await history.click()
    await desk
      .locator('.contact-history')
      .getByText(/Bullismo/)
      .waitFor()
    await screenshot(desk, 'console-desk-history-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    // another helpline's conversation, by its address: refused, and nothing of it shows
    await writeIn(server, other.channelId, visitorToken(), 'Messaggio di un’altra linea')
    const { rows } = await server.pool.query<{ id: string; pseudonym: number }>(
      `select c.id, ct.pseudonym from conversation c join contact ct on ct.id = c.contact_id where c.helpline_id = $1`,
      [other.helplineId],
    )
    const [foreign] = rows
    assert.ok(foreign)
    await desk.goto(`${server.url}/#/conversations/${foreign.id}`)
    await desk
      .getByRole('alert')
      .filter({ hasText: 'Conversazione non trovata, oppure non è di una delle tue linee.' })
      .waitFor()
    const page = (await desk.locator('body').textContent()) ?? ''
    assert.equal(page.includes('Messaggio di un’altra linea'), false)
    assert.equal(page.includes(`Persona #${foreign.pseudonym}`), false)
    const refused = await call(`${server.url}/api/conversations/${foreign.id}`, { cookie: volunteer.cookie })
    assert.equal(refused.status, 404, 'the same answer as an id that does not exist')
  })
})
