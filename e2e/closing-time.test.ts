// The trial's defect, in Chromium: a person wrote "voglio farla finita", a volunteer took the
// conversation at 17:55 and asked; at 18:05, with the hours ended at 18:00, the person answered
// and was told "the line is closed". Now the conversation goes on past closing time: no automatic
// reply, and the widget says a person of the line is there, also after a reload.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk } from './desk-fixtures.ts'
import { type HostSite, startHostSite } from './widget-helpers.ts'

const CLOSED_REPLY = 'Ora la linea è chiusa'

describe('closing time during a conversation, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let email: string
  const contexts: BrowserContext[] = []
  // Monday 23 November 2026 in Rome (UTC+1)
  let now = new Date('2026-11-23T17:50:00+01:00')

  before(async () => {
    server = await startTestServer({}, { clock: () => now })
    const { helplineId, channelId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, {
      ...defaultSettings('Sportello pomeridiano', 'Europe/Rome', 'it'),
      opening: {
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
            day,
            [{ start: '15:00', end: '18:00' }],
          ]),
        ),
        exceptions: [],
        closures: [],
        closedOnPublicHolidays: true,
      },
      autoReplies: { outOfHours: { it: `${CLOSED_REPLY}: ti risponderemo {nextOpening}.` } },
    })
    ;({ email } = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marta'))
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  it('lets a conversation taken at 17:55 go on at 18:05 with no automatic reply', async () => {
    const personContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    contexts.push(personContext)
    const person = await personContext.newPage()
    await person.goto(site.url)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    await person.getByText('Aperto ora').waitFor()
    const textbox = person.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.fill('voglio farla finita')
    await person.getByRole('button', { name: 'Invia' }).click()

    now = new Date('2026-11-23T17:55:00+01:00')
    const desk = await openDesk(browser, server.url, email, contexts)
    await desk
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByLabel('Risposta').fill('Intendi che pensi di toglierti la vita?')
    await desk.getByRole('button', { name: 'Invia' }).click()
    const log = person.getByRole('log')
    await log.getByText('Intendi che pensi di toglierti la vita?').waitFor()
    await person.getByText('Una persona della linea è qui con te.').waitFor()

    // past closing time
    now = new Date('2026-11-23T18:05:00+01:00')
    await textbox.fill('sì, ho già pensato a come')
    await person.getByRole('button', { name: 'Invia' }).click()
    await desk.getByRole('region', { name: 'Messaggi' }).getByText('sì, ho già pensato a come').waitFor()
    // a reply written after the person's message reaches the widget after anything queued with it
    // (the outbox keeps each conversation's order): had a closing reply been queued, it is here by now
    await desk.getByLabel('Risposta').fill('Sono qui con te. Dove ti trovi adesso?')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await log.getByText('Sono qui con te. Dove ti trovi adesso?').waitFor()
    assert.equal(await log.getByText(CLOSED_REPLY).count(), 0, 'no closed reply in the widget')
    assert.equal(await desk.getByText(CLOSED_REPLY).count(), 0, 'no closed reply at the desk')
    await screenshot(person, 'widget-closing-time-attended-390')
    await screenshot(desk, 'console-closing-time-attended-1280')

    // a reload at 18:05: the widget's hours say closed, but a person is there, and it says so
    await person.reload()
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    await person.getByText('Una persona della linea è qui con te.').waitFor()
    assert.equal(await person.getByText('Ora siamo chiusi').count(), 0)
  })
})
