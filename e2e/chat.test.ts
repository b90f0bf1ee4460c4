// The whole path in a real browser: a person writes in the widget on the demo page, a volunteer
// sees it in the console's queue, takes it, replies; the reply reaches the widget; both sides
// see the whole history after a reload.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addMembership, createUser } from '@ascolto/core'
import type { Browser } from 'playwright-core'
import { ensureDemoHelpline } from '../apps/server/src/demo/first-start.ts'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'

describe('from the first message to the reply, in Chromium', () => {
  let server: TestServer
  let browser: Browser

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('carries a message from the widget to the console and the reply back', async () => {
    const demo = await ensureDemoHelpline(server.pool)
    const volunteer = await createUser(server.pool, {
      email: 'giulia@example.org',
      displayName: 'Giulia',
      password: TEST_PASSWORD,
    })
    await addMembership(server.pool, { userId: volunteer.id, helplineId: demo.helplineId, role: 'volunteer' })

    const personContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const volunteerContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'it-IT',
    })
    const person = await personContext.newPage()
    const desk = await volunteerContext.newPage()

    // the volunteer signs in first, so the queue is watched live
    await desk.goto(server.url)
    await desk.getByLabel('E-mail').fill('giulia@example.org')
    await desk.getByLabel('Password').fill(TEST_PASSWORD)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk.getByRole('tab', { name: 'In attesa' }).waitFor()
    await screenshot(desk, 'console-empty-queue-1280')

    // the person opens the chat on the association's site and writes
    await person.goto(`${server.url}/demo`)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    const textbox = person.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.fill('Ciao, ho bisogno di parlare con qualcuno')
    await person.getByRole('button', { name: 'Invia' }).click()
    await person.getByRole('log').getByText('Ciao, ho bisogno di parlare con qualcuno').waitFor()

    // it appears in the queue without a reload
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().waitFor()
    await screenshot(desk, 'console-queue-1280')
    await waiting.first().click()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await messages.getByText('Ciao, ho bisogno di parlare con qualcuno').waitFor()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    const reply = desk.getByLabel('Risposta')
    await reply.fill('Ciao, sono Giulia. Ti ascolto: raccontami.')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await messages.getByText('inviato').waitFor()
    await screenshot(desk, 'console-conversation-1280')

    // the reply reaches the person
    await person.getByRole('log').getByText('Ciao, sono Giulia. Ti ascolto: raccontami.').waitFor()
    await screenshot(person, 'widget-conversation-390')

    // both sides keep the whole history across a reload
    await person.reload()
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    const log = person.getByRole('log')
    await log.getByText('Ciao, sono Giulia. Ti ascolto: raccontami.').waitFor()
    assert.equal(await log.getByText('Ciao, ho bisogno di parlare con qualcuno').count(), 1)

    await desk.reload()
    await messages.getByText('Ciao, sono Giulia. Ti ascolto: raccontami.').waitFor()
    assert.equal(await messages.getByText('Ciao, ho bisogno di parlare con qualcuno').count(), 1)

    // the person writes again: the volunteer sees it live in the open conversation
    await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill('Grazie, mi sento un po’ meglio')
    await person.getByRole('button', { name: 'Invia' }).click()
    await messages.getByText('Grazie, mi sento un po’ meglio').waitFor()

    // the phone-sized console
    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'console-conversation-390')

    await personContext.close()
    await volunteerContext.close()
  })
})
