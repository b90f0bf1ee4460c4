// The words people read, in Chromium: addresses in messages are links in the widget and in the
// console (http and https only, opened in a new tab with noopener and noreferrer; a javascript:
// address stays text), the door is named as people know it ("Chat sul sito"), the safeguarding
// playbook is the "Procedura di protezione", and Enter in a step's field ticks the step.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, setDeskSettings, wcagViolations } from './desk-fixtures.ts'
import { type HostSite, startHostSite } from './widget-helpers.ts'

const WRITTEN = 'Ho letto https://example.org/aiuto?x=1, poi javascript:alert(1) e www.example.org'
const REPLY = 'Qui trovi una guida: https://example.org/guida.'

describe('the words people read, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  let site: HostSite
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    site = await startHostSite({ ascoltoUrl: server.url, channelId: line.channelId })
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await site?.close()
    await browser?.close()
    await server?.close()
  })

  /** A link that opens safely: its address, a new tab, no way back to the page, no referrer. */
  async function assertSafeLink(link: Locator, href: string) {
    assert.equal(await link.getAttribute('href'), href)
    assert.equal(await link.getAttribute('target'), '_blank')
    assert.deepEqual((await link.getAttribute('rel'))?.split(' ').sort(), ['noopener', 'noreferrer'])
  }
  async function assertOnlyHttpLinks(scope: Locator) {
    const hrefs = await scope.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    for (const href of hrefs) assert.match(href ?? '', /^https?:\/\//)
  }

  it('makes addresses links on both sides, names the door, and ticks a step with Enter', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await setDeskSettings(server, line.helplineId, coordinator.cookie)

    // the person writes from the widget on the helpline's site
    const personContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    contexts.push(personContext)
    const person = await personContext.newPage()
    await person.goto(site.url)
    await person.getByRole('button', { name: 'Apri la chat' }).click()
    await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(WRITTEN)
    await person.getByRole('button', { name: 'Invia', exact: true }).click()
    const personLog = person.getByRole('log')
    await assertSafeLink(
      personLog.getByRole('link', { name: 'https://example.org/aiuto?x=1' }),
      'https://example.org/aiuto?x=1',
    )

    // Sara reads it in the console: the same link, the rest as text, the door by its name
    const desk: Page = await openDesk(browser, server.url, sara.email, contexts)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().waitFor()
    assert.match((await waiting.first().textContent()) ?? '', /Chat sul sito/)
    await waiting.first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    const link = messages.getByRole('link', { name: 'https://example.org/aiuto?x=1' })
    await assertSafeLink(link, 'https://example.org/aiuto?x=1')
    await messages.getByText(/poi javascript:alert\(1\) e www\.example\.org/).waitFor()
    await assertOnlyHttpLinks(messages)

    // her reply's address is a link in the widget, without the sentence's full stop
    await desk.getByRole('textbox', { name: 'Risposta' }).fill(REPLY)
    await desk.getByRole('button', { name: 'Invia', exact: true }).click()
    await assertSafeLink(
      personLog.getByRole('link', { name: 'https://example.org/guida' }),
      'https://example.org/guida',
    )
    await assertOnlyHttpLinks(personLog)
    await screenshot(person, 'widget-links-390')
    await person.setViewportSize({ width: 1280, height: 800 })
    await screenshot(person, 'widget-links-1280')

    // a safeguarding flag: the playbook is the "Procedura di protezione", Enter ticks a step
    const id = decodeURIComponent(new URL(desk.url()).hash.split('/').pop() ?? '')
    const raised = await call(`${server.url}/api/conversations/${id}/flags`, {
      method: 'POST',
      cookie: sara.cookie,
      body: { kind: 'imminent_risk', reason: 'Ha scritto di un piano' },
    })
    assert.equal(raised.status, 201)
    await desk.reload()
    const panel = desk.getByRole('region', { name: 'Segnalazioni di tutela' })
    await panel.getByRole('group', { name: 'Procedura di protezione' }).waitFor()
    const step = panel.getByLabel('Chi hai contattato per: Chiama i servizi di emergenza (112)')
    await step.fill('112, operatrice 42')
    await step.press('Enter')
    await panel.getByText(/Chi hai contattato: 112, operatrice 42/).waitFor()
    await screenshot(desk, 'console-words-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await desk.setViewportSize({ width: 390, height: 844 })
    await link.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-words-390')
  })
})
