// A conversation's whole life, in Chromium: the person writes from a phone, takes a code to go on
// later, closes the tab (the browser asks first) and the desk shows them away; they come back on
// a computer with the code and the desk shows them back. The coordinator adds a required question
// to the closing form while the volunteer has it open: it appears there, and a close without it
// names it. The person writes again soon after: the same conversation comes back to the volunteer.
// Then they end the chat: it stays in the volunteer's list as "the person left". Another person
// leaves by quick exit before any answer (no question asked, nothing kept on the device): a
// supervisor finds them among the closed conversations, as ended before an answer.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { DESK_SETTINGS, openDesk, setDeskSettings } from './desk-fixtures.ts'
import { eventually, type HostSite, startHostSite, startNeutralPage } from './widget-helpers.ts'

describe("a conversation's whole life, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let site: HostSite
  let neutral: HostSite
  let helplineId: string
  let volunteer: { email: string; cookie: string }
  let supervisor: { email: string }
  let coordinatorCookie: string
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    let channelId: string
    ;({ helplineId, channelId } = await makeHelpline(server.pool))
    volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marta')
    supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara')
    coordinatorCookie = (await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')).cookie
    await setDeskSettings(server, helplineId, coordinatorCookie)
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    neutral = await startNeutralPage()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await neutral?.close()
    await site?.close()
    await server?.close()
  })

  const personOn = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'it-IT' })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(site.url)
    await page.getByRole('button', { name: 'Apri la chat' }).click()
    return page
  }
  const write = async (page: Page, text: string) => {
    await page.getByRole('textbox', { name: 'Scrivi un messaggio' }).fill(text)
    await page.getByRole('button', { name: 'Invia' }).click()
    await page.getByRole('log').getByText(text).waitFor()
  }

  it('follows the person away and back, live form changes, a reopening, and a person who left', async () => {
    await call(`${server.url}/api/availability`, {
      method: 'PUT',
      cookie: volunteer.cookie,
      body: { availability: 'available' },
    })
    const phone = await personOn({ width: 390, height: 844 })
    await write(phone, 'Ciao, ho bisogno di parlare con qualcuno')

    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    await desk
      .getByRole('link', { name: /Persona #/ })
      .first()
      .click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByLabel('Risposta').fill('Sono Marta, ti ascolto.')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await phone.getByRole('log').getByText('Sono Marta, ti ascolto.').waitFor()

    // the person takes a code to go on later; nothing of it is kept on the phone
    await phone.getByRole('button', { name: 'Continua più tardi o da un altro dispositivo' }).click()
    const codeText = phone.locator('ascolto-widget').getByText(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/)
    await codeText.waitFor()
    const code = (await codeText.textContent())?.trim() ?? ''
    await phone
      .getByText('Se chiudi questa scheda, la conversazione non sarà più visibile su questo dispositivo.')
      .waitFor()
    await screenshot(phone, 'conversation-life-code-390')
    const stored = await phone.evaluate(() => JSON.stringify(Object.values(sessionStorage)))
    assert.ok(
      !stored.includes(code) && !stored.includes(code.replace('-', '')),
      'the code is not stored on the device',
    )

    // closing the tab: the browser asks first
    const asked: string[] = []
    phone.on('dialog', (dialog) => {
      asked.push(dialog.type())
      void dialog.accept()
    })
    await phone.close({ runBeforeUnload: true })
    await eventually('the browser asked before the tab closed', () => asked.includes('beforeunload'))
    await desk
      .getByText(/Pagina della persona chiusa dalle/)
      .first()
      .waitFor()
    await screenshot(desk, 'conversation-life-away-1280')

    // on a computer, with the code: the conversation goes on, and the desk sees the person back
    const computer = await personOn({ width: 1280, height: 800 })
    await computer.getByRole('button', { name: 'Hai un codice per continuare una conversazione?' }).click()
    await computer.getByLabel('Codice per continuare').fill(code.toLowerCase())
    await screenshot(computer, 'conversation-life-resume-form-1280')
    await computer.getByRole('button', { name: 'Continua la conversazione' }).click()
    await computer.getByRole('log').getByText('Sono Marta, ti ascolto.').waitFor()
    await screenshot(computer, 'conversation-life-resumed-1280')
    await desk
      .getByText(/Pagina della persona chiusa dalle/)
      .first()
      .waitFor({ state: 'detached' })

    // the coordinator makes the closing form ask more while the volunteer has it open
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const dialog = desk.getByRole('dialog')
    await dialog.getByLabel('Esito').waitFor()
    const referral = {
      id: 'referral',
      label: { it: 'Servizio a cui è indirizzata', en: 'Service referred to' },
      required: true,
      options: [
        { id: 'none', label: { it: 'Nessuno', en: 'None' } },
        { id: 'consultorio', label: { it: 'Consultorio', en: 'Family clinic' } },
      ],
    }
    await setDeskSettings(server, helplineId, coordinatorCookie, {
      ...DESK_SETTINGS,
      closingForm: [...DESK_SETTINGS.closingForm, referral],
    })
    await dialog.getByLabel('Servizio a cui è indirizzata').waitFor()
    await dialog.getByLabel('Esito').selectOption({ label: 'Ascoltata' })
    await dialog.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Per chiudere manca la risposta a «Servizio a cui è indirizzata».' })
      .waitFor()
    assert.equal(
      await desk.evaluate(() => document.activeElement?.getAttribute('aria-invalid')),
      'true',
      'the missing answer has the focus',
    )
    assert.equal(await dialog.getByText('Controlla quello che hai scritto').count(), 0)
    await screenshot(desk, 'conversation-life-close-refused-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    await dialog.getByRole('alert').waitFor()
    await screenshot(desk, 'conversation-life-close-refused-390')
    await desk.setViewportSize({ width: 1280, height: 800 })
    await dialog.getByLabel('Servizio a cui è indirizzata').selectOption({ label: 'Consultorio' })
    await dialog.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await dialog.waitFor({ state: 'detached' })
    // back to the queue: the conversation on screen is not announced as it comes back
    await desk.evaluate(() => {
      window.location.hash = '#/'
    })

    // the person writes again soon after: the same conversation comes back to Marta
    await write(computer, 'Scusa, dimenticavo una cosa')
    await desk
      .locator('.arrival')
      .filter({ hasText: /ora è affidata a te/ })
      .waitFor()
    await desk.getByRole('tab', { name: /Le mie/ }).click()
    await desk.getByRole('link', { name: /Scusa, dimenticavo una cosa/ }).waitFor()
    const { rows } = await server.pool.query<{ count: number }>(
      'select count(*)::int as count from conversation where helpline_id = $1',
      [helplineId],
    )
    assert.equal(rows[0]?.count, 1, 'no new conversation')
    await screenshot(desk, 'conversation-life-reopened-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    await desk.getByRole('link', { name: /Scusa, dimenticavo una cosa/ }).waitFor()
    await screenshot(desk, 'conversation-life-reopened-390')
    await desk.setViewportSize({ width: 1280, height: 800 })

    // the person ends the chat: it stays in Marta's list until the closing form
    await computer.getByRole('button', { name: 'Termina la chat' }).click()
    await computer.getByRole('button', { name: 'Sì, termina' }).click()
    await desk.getByRole('link', { name: /La persona ha lasciato la chat/ }).waitFor()
    await desk.getByRole('link', { name: /La persona ha lasciato la chat/ }).click()
    await desk.getByText('La persona ha terminato la chat.').waitFor()
    await screenshot(desk, 'conversation-life-person-left-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    // one part at a time on a phone: the conversation, whose header says the person left
    await desk
      .locator('.conversation-meta')
      .getByText(/La persona ha lasciato la chat/)
      .waitFor()
    await screenshot(desk, 'conversation-life-person-left-390')
  })

  it('keeps a person who left before an answer on record, found among the closed conversations', async () => {
    const phone = await personOn({ width: 390, height: 844 })
    await write(phone, 'Forse non è il momento')
    // on the server before the person leaves: quick exit goes at once, without waiting for it
    await eventually('the message is stored', async () => {
      const { rows } = await server.pool.query<{ count: number }>(
        `select count(*)::int as count from conversation where helpline_id = $1 and status = 'waiting'`,
        [helplineId],
      )
      return (rows[0]?.count ?? 0) > 0
    })
    await phone.evaluate((url) => {
      document.querySelector('script[data-ascolto-channel]')?.setAttribute('data-ascolto-exit-url', url)
    }, neutral.url)
    const asked: string[] = []
    phone.on('dialog', (dialog) => {
      asked.push(dialog.type())
      void dialog.dismiss()
    })
    await phone.getByRole('button', { name: 'Esci subito dalla chat' }).click()
    await phone.waitForURL(neutral.url)
    assert.deepEqual(asked, [], 'quick exit leaves without asking')
    assert.equal(await phone.evaluate(() => sessionStorage.length), 0)

    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const desk = await openDesk(browser, server.url, supervisor.email, contexts, viewport)
      await desk.goto(`${server.url}/#/archive/${helplineId}`)
      await desk.getByRole('heading', { name: 'Conversazioni chiuse' }).waitFor()
      await desk.getByRole('link', { name: /Terminata prima di una risposta/ }).waitFor()
      await desk.getByLabel('Solo terminate prima di una risposta').check()
      await desk.getByRole('button', { name: 'Cerca' }).click()
      await desk.getByText('1 conversazione trovata').waitFor({ state: 'attached' })
      await desk.getByRole('link', { name: /Terminata prima di una risposta/ }).scrollIntoViewIfNeeded()
      await screenshot(desk, `conversation-life-closed-list-${viewport.width}`)
      await desk.getByRole('link', { name: /Terminata prima di una risposta/ }).click()
      await desk.getByText('Forse non è il momento').first().waitFor()
    }
    const { rows } = await server.pool.query<{ count: number }>(
      `select count(*)::int as count from audit_event where helpline_id = $1 and action = 'conversations.search'`,
      [helplineId],
    )
    assert.ok((rows[0]?.count ?? 0) >= 2, 'every search is audited')
  })
})
