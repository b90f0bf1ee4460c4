// The survey after a web chat, in Chromium: a supervisor closes the conversation in the console,
// the widget shows the survey at once, the person answers (offline: the answers wait and go once
// the page is back online; an answer lost on its way back is not sent twice), and the statistics
// count the answers, the closed conversations per door, category and closing-form answer.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DESK_SETTINGS, setDeskSettings } from '../apps/server/src/testing/desk-settings.ts'
import { setSurvey } from '../apps/server/src/testing/survey-settings.ts'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'
import { eventually, type HostSite, startHostSite } from './widget-helpers.ts'

describe('the survey after a web chat, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let email: string
  let coordinatorEmail: string
  let coordinatorCookie: string
  let helplineId: string
  let channelId: string
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    const line = await makeHelpline(server.pool)
    channelId = line.channelId
    helplineId = line.helplineId
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')
    coordinatorEmail = coordinator.email
    coordinatorCookie = coordinator.cookie
    await setSurvey(server.pool, line.helplineId, ['webchat'])
    // the categories and the closing form (Esito) that closing asks for; after the survey, which sets the whole file
    // every message after a close opens a new conversation here (no reopening): each close offers the survey
    await setDeskSettings(server, helplineId, coordinator.cookie, { ...DESK_SETTINGS, reopenHours: 0 })
    ;({ email } = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Giulia'))
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  it('shows the survey when the conversation is closed, takes the answers, and counts them', async () => {
    const personContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'it-IT',
      bypassCSP: true,
    })
    contexts.push(personContext)
    const person = await personContext.newPage()
    await person.goto(site.url)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill('Ciao, avevo bisogno di parlare')
    await person.getByRole('button', { name: 'Invia' }).click()

    const desk = await openDesk(browser, server.url, email, contexts)
    await desk
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByLabel('Risposta').fill('Ciao, sono qui. Raccontami.')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await person.getByRole('log').getByText('Ciao, sono qui. Raccontami.').waitFor()
    await closeWith(desk, ['Bullismo', 'Solitudine'], 'Indirizzata a un servizio')

    // the widget is told at once: the survey replaces the composer
    const useful = person.getByRole('group', { name: 'Ti è stato utile parlare con noi?' })
    await useful.waitFor()
    assert.equal(await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).count(), 0)
    await useful.getByRole('radio', { name: '4' }).check()
    await person.getByRole('group', { name: 'Ci riscriveresti?' }).getByRole('radio', { name: 'Sì' }).check()
    assert.deepEqual(await wcagViolations(person), [])
    await screenshot(person, 'widget-survey-390')
    // the floating panel on a computer: the survey scrolls, the messages keep some room
    await person.setViewportSize({ width: 1280, height: 800 })
    await screenshot(person, 'widget-survey-1280')
    await person.setViewportSize({ width: 390, height: 844 })
    // the connection drops as the person answers: the answers wait, and go when it is back
    await personContext.setOffline(true)
    const triedOffline = person.waitForEvent('requestfailed', (request) => request.url().endsWith('/survey'))
    await person.getByRole('button', { name: 'Invia le risposte' }).click()
    await person.getByText('Invio delle risposte…').waitFor()
    await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).waitFor()
    await screenshot(person, 'widget-survey-sending-390')
    await triedOffline
    const answered = () =>
      server.pool.query(
        `select survey_answers from conversation_fact where channel_id = $1 and survey_answers is not null`,
        [channelId],
      )
    assert.equal((await answered()).rowCount, 0, 'nothing reached the server while offline')
    await personContext.setOffline(false)
    await person.getByText('Grazie delle tue risposte.').waitFor()
    assert.deepEqual(
      (await answered()).rows.map((row) => row.survey_answers),
      [{ useful: 4, again: true }],
      'counted once',
    )

    // the person writes again: a new conversation, closed again, the survey again; this time skipped
    const textbox = person.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.fill('Scusate, un’altra cosa')
    await person.getByRole('button', { name: 'Invia' }).click()
    await person.getByText('Grazie delle tue risposte.').waitFor({ state: 'hidden' })
    await desk.getByRole('tab', { name: 'In attesa' }).click()
    await desk
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Persona #/ })
      .click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await closeWith(desk, ['Bullismo'], 'Ascoltata')
    await person.getByRole('button', { name: 'Salta' }).click()
    await textbox.waitFor()
    await eventually('the skip is recorded', async () => {
      const { rowCount } = await server.pool.query(
        `select 1 from conversation_fact where channel_id = $1 and survey_answers = '{}'`,
        [channelId],
      )
      return rowCount === 1
    })

    // the person ends a third conversation themselves: the survey comes with the end
    await textbox.fill('Ciao di nuovo')
    await person.getByRole('button', { name: 'Invia' }).click()
    await person.getByRole('log').getByText('Ciao di nuovo').waitFor()
    await person.getByRole('button', { name: 'Termina la chat' }).click()
    await person.getByRole('button', { name: 'Sì, termina' }).click()
    await person.getByText('La chat è terminata').waitFor()
    await person.getByRole('group', { name: 'Ci riscriveresti?' }).getByRole('radio', { name: 'No' }).check()
    await screenshot(person, 'widget-survey-ended-390')
    // the server takes the answers but its answer is lost on the way back: the retry's 409 means done
    const statuses: number[] = []
    await person.route('**/survey', async (route) => {
      const response = await route.fetch()
      statuses.push(response.status())
      if (statuses.length === 1) await route.abort('connectionreset')
      else await route.fulfill({ response })
    })
    await person.getByRole('button', { name: 'Invia le risposte' }).click()
    await person.getByText('Grazie delle tue risposte.').waitFor()
    assert.deepEqual(statuses, [200, 409], 'sent again once, and the second answered as done')
    await person.unroute('**/survey')
    await eventually('the answer after the end is recorded', async () => {
      const { rowCount } = await server.pool.query(
        `select 1 from conversation_fact where channel_id = $1 and survey_answers = '{"again": false}'`,
        [channelId],
      )
      return rowCount === 1
    })

    // three closed (one ended by the person, without the form), two surveys answered, one skipped
    await desk.getByRole('link', { name: 'Statistiche' }).click()
    await desk.getByRole('heading', { name: 'Statistiche', exact: true }).waitFor()
    const cellsOf = (table: string, row: RegExp | string) =>
      desk
        .getByRole('table', { name: table })
        .getByRole('row', { name: row })
        .getByRole('cell')
        .allTextContents()
    const doorsTable = desk.getByRole('table', { name: 'Conversazioni per canale' })
    await doorsTable.waitFor()
    const doors = await cellsOf('Conversazioni per canale', /Chat sul sito/)
    // a row's cells follow its own heading, the first column
    const headings = await doorsTable.getByRole('columnheader').allTextContents()
    const column = (heading: string) => doors[headings.indexOf(heading) - 1] ?? ''
    // three closed, two answered: fewer than five each, so '<5'
    assert.deepEqual([column('Chiuse'), column('Con risposte al sondaggio')], ['<5', '<5'])
    assert.match(column('Prima risposta, mediana'), /^\d+ s$/, 'one first response, in seconds')
    assert.equal(
      column('Prima risposta, mediana'),
      column('Prima risposta, media'),
      'the median of one is its average',
    )
    const categories = []
    for (const name of ['Solitudine', 'Bullismo', 'Periodi bui', 'Senza categoria']) {
      categories.push((await cellsOf('Conversazioni per categoria', name))[0])
    }
    assert.deepEqual(categories, ['<5', '<5', '0', '<5'])
    const outcome = []
    for (const name of ['Ascoltata', 'Indirizzata a un servizio', 'Senza risposta']) {
      outcome.push((await cellsOf('Esito', name))[0])
    }
    assert.deepEqual(outcome, ['<5', '<5', '<5'])
    assert.deepEqual(await cellsOf('Ti è stato utile parlare con noi?', /Chat sul sito/), [
      '0',
      '0',
      '0',
      '<5',
      '0',
      // with the other counts, an average would give the withheld one back
      '–',
    ])
    assert.deepEqual(await cellsOf('Ci riscriveresti?', /Chat sul sito/), ['<5', '<5'])
    assert.deepEqual(await wcagViolations(desk), [])
    await screenshot(desk, 'console-statistics-1280')

    // on a phone: the link above the queue, the tables scrolling sideways if they must
    const phone = await openDesk(browser, server.url, email, contexts, { width: 390, height: 844 })
    await screenshot(phone, 'desk-queue-statistics-link-390')
    await phone.getByRole('link', { name: 'Statistiche' }).click()
    await phone.getByRole('table', { name: 'Conversazioni per canale' }).waitFor()
    assert.deepEqual(await wcagViolations(phone), [])
    await screenshot(phone, 'console-statistics-390')

    // a category the settings no longer have still counts, by its id
    await setDeskSettings(server, helplineId, coordinatorCookie, {
      ...DESK_SETTINGS,
      categories: DESK_SETTINGS.categories.filter((category) => category.id !== 'loneliness'),
    })
    await desk.getByRole('button', { name: 'Mostra' }).click()
    await desk
      .getByRole('table', { name: 'Conversazioni per categoria' })
      .getByRole('row', { name: 'Solitudine' })
      .waitFor({ state: 'detached' })
    assert.deepEqual(
      await cellsOf('Conversazioni per categoria', 'loneliness (rimossa dalle impostazioni)'),
      ['<5'],
    )
  })

  it('lets a coordinator choose the doors and questions in the settings, refusing what a text channel cannot ask', async () => {
    const page = await openDesk(browser, server.url, coordinatorEmail, contexts)
    await page.getByRole('link', { name: 'Impostazioni' }).click()
    const survey = page.getByRole('group', { name: 'Sondaggio dopo la conversazione' })
    await survey.waitFor()
    assert.equal(await survey.getByLabel('Chat sul sito').isChecked(), true)
    assert.equal(await survey.getByLabel('WhatsApp').isChecked(), false)
    await survey.getByLabel('WhatsApp').check()
    const first = survey.getByRole('group', { name: 'Domanda 1' })
    await first.getByLabel('Tipo di risposta').selectOption('yesNo')
    await survey
      .getByRole('group', { name: 'Domanda 2' })
      .getByLabel('Tipo di risposta')
      .selectOption('yesNo')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    const problems = page.getByRole('alert')
    await problems.getByText('Problemi da correggere: 1').waitFor()
    assert.deepEqual(await problems.getByRole('listitem').allTextContents(), [
      'Sondaggio dopo la conversazione: whatsapp ask the first question on a scale of 1 to 5: add one',
    ])

    await first.getByLabel('Tipo di risposta').selectOption('scale')
    await survey.getByRole('button', { name: 'Aggiungi domanda' }).click()
    const third = survey.getByRole('group', { name: 'Domanda 3' })
    await third.getByLabel('Tipo di risposta').selectOption('yesNo')
    await third.getByLabel('Testo in italiano').fill('Ti senti un po’ meglio?')
    assert.equal(await survey.getByRole('button', { name: 'Aggiungi domanda' }).count(), 0, 'three at most')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
    const { rows } = await server.pool.query('select settings -> $2 as survey from helpline where id = $1', [
      helplineId,
      'survey',
    ])
    assert.deepEqual(rows[0].survey.channelKinds, ['webchat', 'whatsapp'])
    assert.deepEqual(rows[0].survey.questions[2], {
      id: 'question-3',
      kind: 'yesNo',
      text: { it: 'Ti senti un po’ meglio?' },
    })
    assert.deepEqual(await wcagViolations(page), [])
    // the section from its top, below the console's header
    await survey.evaluate((section) => {
      section.scrollIntoView({ block: 'start' })
      window.scrollBy(0, -72)
    })
    await screenshot(page, 'settings-survey-1280')
  })
})

/** Closes the open conversation through the closing form: these categories, this outcome. */
async function closeWith(desk: Page, categories: string[], outcome: string) {
  await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
  const closing = desk.getByRole('dialog', { name: /Chiudere la conversazione con Persona #/ })
  for (const category of categories) await closing.getByRole('checkbox', { name: category }).check()
  await closing.getByLabel('Esito').selectOption({ label: outcome })
  await closing.getByRole('button', { name: 'Chiudi la conversazione' }).click()
}
