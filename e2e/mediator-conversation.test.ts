// A cultural mediator in a written conversation, in Chromium: a person writes in Romanian from the
// widget on the association's site; the volunteer on it asks for a Romanian mediator; the mediator
// (an account with the mediator role, on the helpline's list for Romanian) signs in, sees the
// request on her waiting screen, joins, writes to the person — who reads it signed "Mediatrice",
// never her name — and privately to the volunteer, who sees who wrote what.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
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
import { openDesk, wcagViolations } from './desk-fixtures.ts'
import { eventually, type HostSite, startHostSite } from './widget-helpers.ts'

describe('a mediator in a written conversation, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  async function signInAsMediator(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'it-IT', bypassCSP: true })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Accedi' }).click()
    return page
  }

  it('is asked for by the volunteer, joins, writes to the person as "Mediatrice" and privately to the volunteer', async () => {
    const { helplineId, channelId } = await makeHelpline(server.pool)
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    const giulia = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Giulia')
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Marta')
    const ioana = await makeOperator(server, [{ helplineId, role: 'mediator' }], 'Ioana Popescu')
    const listed = await call(`${server.url}/api/call-mediators?helplineId=${helplineId}`, {
      cookie: coordinator.cookie,
      body: {
        label: 'Mediatrice romena',
        languages: ['ro'],
        phone: '+393401112233',
        accountId: ioana.userId,
      },
    })
    assert.equal(listed.status, 200)

    // the mediator, signed in before anyone asks: the waiting screen
    const mediator = await signInAsMediator(ioana.email, { width: 1280, height: 800 })
    await mediator.getByRole('heading', { name: 'Nessuna conversazione per ora' }).waitFor()
    await mediator.getByRole('radio', { name: 'Mediatrice' }).check()

    // the person writes from the widget
    const personContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    contexts.push(personContext)
    const person = await personContext.newPage()
    await person.goto(site.url)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill('Bună ziua, am nevoie de ajutor')
    await person.getByRole('button', { name: 'Invia' }).click()

    // the volunteer takes it and asks for a Romanian mediator
    const desk = await openDesk(browser, server.url, giulia.email, contexts)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByLabel('Chiedi un mediatore:').selectOption('ro')
    await desk.getByRole('button', { name: 'Chiedi', exact: true }).click()
    await desk.getByText('Chiesto un mediatore (rumeno)').waitFor()

    // the mediator is alerted in her console, joins, and reads the conversation
    const request = mediator.getByRole('listitem').filter({ hasText: 'si chiede un mediatore (rumeno)' })
    await request.waitFor()
    await screenshot(mediator, 'mediator-waiting-1280')
    await request.getByRole('button', { name: 'Entra nella conversazione' }).click()
    await mediator.getByText('Bună ziua, am nevoie de ajutor').waitFor()
    await desk.getByText('Mediatrice Ioana Popescu (rumeno) è nella conversazione').waitFor()

    await mediator.getByLabel('Il tuo messaggio').fill('Bună ziua! Sunt mediatoare, vă ajut cu limba.')
    await mediator.getByRole('button', { name: 'Scrivi alla persona (come Mediatrice)' }).click()
    await person.getByText('Mediatrice: Bună ziua! Sunt mediatoare, vă ajut cu limba.').waitFor()
    assert.equal(await person.getByText('Ioana').count(), 0, 'the person never reads her name')

    await mediator.getByLabel('Il tuo messaggio').fill('Chiede un posto dove dormire stanotte, a Milano.')
    await mediator.getByRole('button', { name: "Scrivi in privato all'operatore" }).click()
    await mediator.getByText('Nota privata di Ioana Popescu').waitFor()
    // the volunteer sees both, under the mediator's name; the note stays on the staff side
    await desk.getByText('Chiede un posto dove dormire stanotte, a Milano.').waitFor()
    await desk.getByText('Mediatrice: Bună ziua! Sunt mediatoare, vă ajut cu limba.').waitFor()
    const messages = await call(`${server.url}/api/conversations?status=mine`, { cookie: giulia.cookie })
    const conversationId: string = messages.body.conversations[0].id
    const detail = await call(`${server.url}/api/conversations/${conversationId}`, { cookie: giulia.cookie })
    const byIoana = (
      detail.body.messages as Array<{ direction: string; author: { displayName: string } | null }>
    )
      .filter((m) => m.author?.displayName === 'Ioana Popescu')
      .map((m) => m.direction)
    assert.deepEqual(byIoana, ['outbound', 'note'])

    await screenshot(desk, 'mediator-volunteer-desk-1280')
    await screenshot(mediator, 'mediator-conversation-1280')
    assert.deepEqual(await wcagViolations(mediator), [])
    await mediator.setViewportSize({ width: 390, height: 844 })
    await screenshot(mediator, 'mediator-conversation-390')
    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'mediator-volunteer-desk-390')
    await screenshot(person, 'mediator-widget-390')

    // the close ends her access: her console goes back to the waiting screen
    const closed = await call(`${server.url}/api/conversations/${conversationId}/close`, {
      cookie: giulia.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    await mediator.getByRole('heading', { name: 'Nessuna conversazione per ora' }).waitFor()
    await eventually('no other person is visible to her', async () => {
      const desk = await call(`${server.url}/api/mediation`, { cookie: ioana.cookie })
      return desk.body.conversations.length === 0
    })
    // a conversation she was never in is not there for her
    await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'Un altro' },
    })
    const queue = await call(`${server.url}/api/conversations`, { cookie: ioana.cookie })
    assert.equal(queue.status, 404)
  })
})
