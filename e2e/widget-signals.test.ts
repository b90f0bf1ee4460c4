// Typing and "seen" both ways, in Chromium: the person writes in the widget while a volunteer has
// the conversation open in the console, and each sees the other writing, then reading.
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { type HostSite, startHostSite } from './widget-helpers.ts'

describe('typing and seen between the widget and the console, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let email: string

  before(async () => {
    server = await startTestServer()
    const { helplineId, channelId } = await makeHelpline(server.pool)
    ;({ email } = await makeOperator(server, [{ helplineId, role: 'volunteer' }]))
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  it('shows each side the other writing and reading', async () => {
    const personContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const person = await personContext.newPage()
    const desk = await deskContext.newPage()

    await person.goto(site.url)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    const textbox = person.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.fill('Ciao, c’è qualcuno?')
    await person.getByRole('button', { name: 'Invia' }).click()

    await desk.goto(server.url)
    await desk.getByLabel('E-mail').fill(email)
    await desk.getByLabel('Password').fill(TEST_PASSWORD)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()

    // the volunteer has the person's message on screen: the widget says "Visto"
    await person.getByText('Visto').waitFor()

    // the person writes: the desk says so
    await textbox.pressSequentially('Vorrei parlare')
    await desk.getByText('La persona sta scrivendo…').waitFor()
    await screenshot(desk, 'widget-signals-console-1280')

    // the volunteer writes: the widget says so
    await desk.getByLabel('Risposta').pressSequentially('Certo, ti ascolto')
    await person.getByText('Sta scrivendo…').waitFor()
    await screenshot(person, 'widget-signals-typing-390')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await person.getByRole('log').getByText('Certo, ti ascolto').waitFor()
    await person.getByText('Sta scrivendo…').waitFor({ state: 'detached' })

    // the person has the reply on screen: the desk says it was read
    await desk.getByText('La persona ha letto la risposta').waitFor()

    await personContext.close()
    await deskContext.close()
  })
})
