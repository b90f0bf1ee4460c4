// What only a browser can show about the console's defences: HTML in a message and in a name is
// shown as text and never runs; a supervisor is made to set up a second factor, then signs in
// with a code; a coordinator invites someone by link, who joins, and is then deactivated.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { generate } from 'otplib'
import type { Browser, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  relaxVolunteerSecondFactor,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { makePerson, signIn as signInAs, signOut } from './accounts.ts'
import { setUpAuthenticatorApp } from './authenticator-app.ts'
import { launchBrowser, screenshot } from './browser.ts'

const XSS = '<img src=x onerror=alert(1)>'
const XSS_NAME = '<img src=x onerror=alert(2)>Giulia'

describe('the console’s defences, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }

  before(async () => {
    server = await startTestServer({ ASCOLTO_SECOND_FACTOR: 'required' })
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    // the volunteers here sign in with a password alone: their helpline relaxed the second factor
    await relaxVolunteerSecondFactor(server.pool, line.helplineId)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A page that records every dialog (an alert() that ran would be one) and dismisses it. */
  async function page(): Promise<{ page: Page; dialogs: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'it-IT' })
    const opened = await context.newPage()
    const dialogs: string[] = []
    opened.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      // the one confirm() a test expects is accepted
      const accept = dialog.type() === 'confirm' && dialog.message().startsWith('Disattivare')
      ;(accept ? dialog.accept() : dialog.dismiss()).catch(() => {})
    })
    return { page: opened, dialogs }
  }
  const person = (role: 'volunteer' | 'supervisor' | 'coordinator', displayName: string) =>
    makePerson(server, line.helplineId, role, displayName)
  const signIn = (page: Page, email: string, password?: string) => signInAs(page, server.url, email, password)

  it('shows <img src=x onerror=alert(1)> in a message and a name as text, and runs nothing', async () => {
    const volunteer = await person('volunteer', XSS_NAME)
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: XSS },
    })
    const { page: desk, dialogs } = await page()
    await signIn(desk, volunteer.email)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    // in the queue's preview and in the conversation, as the very characters the person typed
    await desk.getByText(XSS, { exact: true }).nth(1).waitFor()
    assert.equal(await desk.getByText(XSS, { exact: true }).count(), 2)
    await desk.getByText(XSS_NAME).first().waitFor()
    // no element was made of the text, and nothing ran
    assert.equal(await desk.locator('img[src="x"]').count(), 0)
    assert.deepEqual(dialogs, [])
    await screenshot(desk, 'console-html-as-text-1280')
  })

  it('makes a supervisor set up a second factor, then asks for the code at the next sign-in', async () => {
    const supervisor = await person('supervisor', 'Marta')
    const { page: desk } = await page()
    await signIn(desk, supervisor.email)
    await desk.getByRole('heading', { name: 'Proteggi il tuo account' }).waitFor()
    await desk.getByRole('button', { name: "Configura l'app" }).click()
    const secret = ((await desk.locator('.totp-secret code').textContent()) ?? '').replace(/\s/g, '')
    assert.match(secret, /^[A-Z2-7]{16,}$/)
    assert.match(
      (await desk.getByRole('link', { name: /otpauth/ }).getAttribute('href')) ?? '',
      /^otpauth:\/\/totp\//,
    )
    await screenshot(desk, 'console-second-factor-setup-1280')
    const now = Math.floor(Date.now() / 1000)
    await desk.getByLabel("Codice mostrato dall'app").fill(await generate({ secret, epoch: now }))
    await desk.getByRole('button', { name: 'Conferma' }).click()
    await desk.getByRole('heading', { name: 'Codici di recupero' }).waitFor()
    assert.equal(
      await desk.getByRole('list', { name: 'Codici di recupero' }).getByRole('listitem').count(),
      10,
    )
    await desk.getByRole('button', { name: 'Li ho salvati, continua' }).click()
    await desk.getByRole('tab', { name: 'In attesa' }).waitFor()

    await signOut(desk)
    await signIn(desk, supervisor.email)
    await desk.getByRole('heading', { name: 'Codice di verifica' }).waitFor()
    await desk.getByLabel('Codice', { exact: true }).fill('123456')
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk
      .getByRole('alert')
      .getByText(/Il codice non è giusto/)
      .waitFor()
    await screenshot(desk, 'console-second-factor-code-1280')
    await desk.getByLabel('Codice', { exact: true }).fill(await generate({ secret, epoch: now + 30 }))
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk.getByRole('tab', { name: 'In attesa' }).waitFor()
  })

  it('lets a volunteer turn on a second factor from their account, which sign-in then asks for', async () => {
    const volunteer = await person('volunteer', 'Davide')
    const { page: desk } = await page()
    await signIn(desk, volunteer.email)
    await desk.getByRole('link', { name: 'Davide' }).click()
    await desk.getByRole('heading', { name: 'Il mio account' }).waitFor()
    await desk.getByRole('button', { name: "Configura un'app di autenticazione" }).click()
    await desk.getByRole('button', { name: "Configura l'app" }).click()
    const secret = ((await desk.locator('.totp-secret code').textContent()) ?? '').replace(/\s/g, '')
    const now = Math.floor(Date.now() / 1000)
    await desk.getByLabel("Codice mostrato dall'app").fill(await generate({ secret, epoch: now }))
    await desk.getByRole('button', { name: 'Conferma' }).click()
    await desk.getByRole('button', { name: 'Li ho salvati, continua' }).click()
    await desk
      .getByRole('status')
      .getByText(/Il secondo fattore è attivo/)
      .waitFor()
    await screenshot(desk, 'console-account-1280')
    await signOut(desk)
    await signIn(desk, volunteer.email)
    await desk.getByRole('heading', { name: 'Codice di verifica' }).waitFor()
  })

  it('lets a coordinator invite by link, and deactivate; the invitee joins through the link', async () => {
    const coordinator = await person('coordinator', 'Chiara')
    const code = await setUpAuthenticatorApp(server, coordinator.userId)
    const { page: desk, dialogs } = await page()
    await signIn(desk, coordinator.email)
    await desk.getByLabel('Codice', { exact: true }).fill(code)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk.getByRole('link', { name: 'Squadra' }).click()
    await desk.getByRole('heading', { name: /^Squadra · / }).waitFor()

    await desk
      .getByRole('region', { name: 'Invita una persona' })
      .getByLabel('E-mail')
      .fill('nuovo@example.org')
    await desk
      .getByRole('region', { name: 'Invita una persona' })
      .getByLabel('Ruolo')
      .selectOption('volunteer')
    await desk.getByRole('button', { name: "Crea l'invito" }).click()
    const link = await desk.getByLabel("Collegamento d'invito (valido una volta, per 7 giorni)").inputValue()
    assert.match(link, /#\/invitation\/[A-Za-z0-9_-]{43}$/)
    await screenshot(desk, 'console-team-1280')

    const { page: newcomer } = await page()
    await newcomer.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
    // the page names the helpline and the address the invitation is for
    await newcomer.getByRole('heading', { name: /^Unisciti a Helpline h-/ }).waitFor()
    await newcomer.getByText("L'invito è per nuovo@example.org, con il ruolo Volontariato.").waitFor()
    await screenshot(newcomer, 'console-invitation-1280')
    await newcomer.setViewportSize({ width: 390, height: 844 })
    await screenshot(newcomer, 'console-invitation-390')
    await newcomer.setViewportSize({ width: 1280, height: 860 })
    await newcomer.getByLabel('Nome visibile alla squadra').fill('Nuovo')
    await newcomer.getByLabel('Password', { exact: true }).fill('una password lunga e mia')
    await newcomer.getByLabel('Ripeti la password').fill('una password lunga e mia')
    await newcomer.getByRole('button', { name: "Crea l'account" }).click()
    await newcomer.getByText('Account pronto: ora accedi.').waitFor()
    // the address of the invitation is already there
    assert.equal(await newcomer.getByLabel('E-mail').inputValue(), 'nuovo@example.org')
    await signIn(newcomer, 'nuovo@example.org', 'una password lunga e mia')
    await newcomer.getByRole('tab', { name: 'In attesa' }).waitFor()

    await desk.reload()
    const row = desk.getByRole('row', { name: /Nuovo/ })
    await row.waitFor()
    await row.getByRole('button', { name: /Disattiva/ }).click()
    await desk.getByRole('status').getByText('Account di Nuovo disattivato.').waitFor()
    await desk.getByRole('row', { name: /Nuovo/ }).waitFor({ state: 'detached' })
    assert.deepEqual(dialogs, ["Disattivare Nuovo? Perderà subito l'accesso a questa linea."])
    // the newcomer's open console is cut off at once (the server drops its socket), and the
    // next page load finds no session
    await newcomer
      .getByRole('status')
      .getByText(/Connessione interrotta/)
      .waitFor()
    await newcomer.reload()
    await newcomer.getByRole('heading', { name: 'Accedi' }).waitFor()

    await desk.getByRole('link', { name: 'Registro' }).click()
    await desk.getByRole('heading', { name: /^Registro · / }).waitFor()
    await desk.getByRole('rowheader', { name: "Chiara ha disattivato l'account di Nuovo" }).waitFor()
    await screenshot(desk, 'console-audit-log-1280')
  })
})
