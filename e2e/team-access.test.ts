// Access to the team, in Chromium: a coordinator's invitations with their state, a copied link, a
// fresh link that replaces the one before, a revocation, and no second open invitation for one
// address; "Password dimenticata?" by e-mail through the helpline's mailbox (a local SMTP server at
// the network edge) and by a link a coordinator issues, which ends the account's open console.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { type LocalSmtp, startLocalSmtp } from '../apps/server/src/testing/local-mail.ts'
import { connectLocalMailbox } from '../apps/server/src/testing/rota-fixtures.ts'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { makePerson, signIn as signInAs } from './accounts.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { wcagViolations } from './desk-fixtures.ts'

const NEW_PASSWORD = 'una password nuova e lunga'

describe('invitations and password links, in Chromium', () => {
  let server: TestServer
  let smtp: LocalSmtp
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    smtp = await startLocalSmtp()
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
    await smtp?.close()
  })

  /** A page whose confirm() dialogs are accepted and recorded. */
  async function page(width = 1280, height = 800) {
    const context = await browser.newContext({
      viewport: { width, height },
      locale: 'it-IT',
      permissions: ['clipboard-read', 'clipboard-write'],
      // the accessibility check injects axe
      bypassCSP: true,
    })
    contexts.push(context)
    const opened = await context.newPage()
    const dialogs: string[] = []
    opened.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      dialog.accept().catch(() => {})
    })
    return { page: opened, dialogs }
  }
  const signIn = (page: Page, email: string, password?: string) => signInAs(page, server.url, email, password)
  /** The link as this test's server answers it (the configured public address may differ). */
  const local = (link: string) => link.replace(/^https?:\/\/[^/#]+/, server.url)
  async function teamOf(email: string) {
    const { page: desk, dialogs } = await page()
    await signIn(desk, email)
    await desk.getByRole('link', { name: 'Squadra' }).click()
    await desk.getByRole('heading', { name: /^Squadra · / }).waitFor()
    return { desk, dialogs }
  }

  it('lists invitations with their state, copies, renews and revokes, and refuses a second open one', async () => {
    const coordinator = await makePerson(server, line.helplineId, 'coordinator', 'Carla')
    const { desk, dialogs } = await teamOf(coordinator.email)
    const inviteForm = desk.getByRole('region', { name: 'Invita una persona' })
    const invite = async (email: string) => {
      await inviteForm.getByLabel('E-mail').fill(email)
      await inviteForm.getByRole('button', { name: "Crea l'invito" }).click()
    }
    await invite('dora@example.org')
    const firstLink = await desk
      .getByLabel("Collegamento d'invito (valido una volta, per 7 giorni)")
      .inputValue()
    await inviteForm.getByRole('button', { name: 'Copia il link' }).click()
    await inviteForm.getByRole('status').getByText('Copiato.').waitFor()
    assert.equal(await desk.evaluate(() => navigator.clipboard.readText()), firstLink)

    // a second open invitation for the same address: refused, saying what to do
    await invite('Dora@example.org')
    await inviteForm
      .getByRole('alert')
      .getByText(
        /Questo indirizzo ha già un invito aperto: dall'elenco degli inviti puoi dargli un nuovo link o revocarlo/,
      )
      .waitFor()

    const invitations = desk.getByRole('region', { name: 'Inviti' })
    const rowOf = (email: string) => invitations.getByRole('row', { name: new RegExp(email) })
    await rowOf('dora@example.org')
      .getByText(/^Aperto · scade il /)
      .waitFor()
    // a fresh link: the one before stops working
    await rowOf('dora@example.org').getByRole('button', { name: 'Nuovo link dora@example.org' }).click()
    const renewed = invitations.getByLabel(
      "Nuovo link d'invito per dora@example.org (valido una volta, per 7 giorni)",
    )
    await renewed.waitFor()
    const secondLink = await renewed.inputValue()
    assert.notEqual(secondLink, firstLink)

    await invite('elio@example.org')
    await rowOf('elio@example.org').getByRole('button', { name: 'Revoca elio@example.org' }).click()
    await rowOf('elio@example.org')
      .getByText(/^Revocato il /)
      .waitFor()
    assert.deepEqual(dialogs, ["Revocare l'invito per elio@example.org? Il suo link non funzionerà più."])
    await desk.getByRole('status').getByText('Invito per elio@example.org revocato.').waitFor()
    await screenshot(desk, 'console-invitations-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await desk.setViewportSize({ width: 390, height: 844 })
    await invitations.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-invitations-390')

    // the first link says it is spent; the fresh one joins, and the sign-in has the address
    const { page: newcomer } = await page(390, 844)
    await newcomer.goto(local(firstLink))
    await newcomer
      .getByRole('alert')
      .getByText(/Questo invito è già stato usato o è scaduto/)
      .waitFor()
    await newcomer.goto(local(secondLink))
    await newcomer.reload()
    await newcomer.getByText("L'invito è per dora@example.org, con il ruolo Volontariato.").waitFor()
    await newcomer.getByLabel('Nome visibile alla squadra').fill('Dora')
    await newcomer.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await newcomer.getByLabel('Ripeti la password').fill(NEW_PASSWORD)
    await newcomer.getByRole('button', { name: "Crea l'account" }).click()
    await newcomer.getByText('Account pronto: ora accedi.').waitFor()
    assert.equal(await newcomer.getByLabel('E-mail').inputValue(), 'dora@example.org')

    await desk.reload()
    await rowOf('dora@example.org')
      .getByText(/^Accettato il /)
      .waitFor()
  })

  it('mails a password link where the helpline has a mailbox; the new password ends the open console', async () => {
    await connectLocalMailbox(server, line.helplineId, smtp)
    const anna = await makePerson(server, line.helplineId, 'volunteer', 'Anna')
    const { page: annaDesk } = await page()
    await signIn(annaDesk, anna.email)
    await annaDesk.getByRole('tab', { name: 'In attesa' }).waitFor()

    const { page: forgot } = await page(390, 844)
    await forgot.goto(server.url)
    await forgot.getByLabel('E-mail').fill(anna.email)
    await forgot.getByRole('button', { name: 'Password dimenticata?' }).click()
    await forgot.getByRole('heading', { name: 'Password dimenticata' }).waitFor()
    assert.equal(await forgot.getByLabel('E-mail').inputValue(), anna.email)
    await forgot.getByRole('button', { name: 'Invia il link' }).click()
    await forgot
      .getByRole('status')
      .getByText(/Se l'indirizzo ha un account e la linea può inviare e-mail/)
      .waitFor()
    await screenshot(forgot, 'console-forgot-password-390')
    await forgot.setViewportSize({ width: 1280, height: 800 })
    await screenshot(forgot, 'console-forgot-password-1280')

    const deadline = Date.now() + 20_000
    while (!smtp.received.some((m) => m.to.includes(anna.email)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    const text = smtp.received.find((m) => m.to.includes(anna.email))?.mail.text ?? ''
    const link = /https?:\/\/\S+#\/reset\/[A-Za-z0-9_-]{43}/.exec(text)?.[0]
    assert.ok(link, text)

    const { page: reset } = await page()
    await reset.goto(local(link))
    await reset.getByText(`Nuova password per ${anna.email}.`, { exact: false }).waitFor()
    await reset.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await reset.getByLabel('Ripeti la password').fill('non è la stessa password')
    await reset.getByRole('button', { name: 'Salva la nuova password' }).click()
    await reset.getByRole('alert').getByText('Le due password non coincidono.').waitFor()
    await screenshot(reset, 'console-reset-password-1280')
    assert.deepEqual(await wcagViolations(reset), [])
    await reset.setViewportSize({ width: 390, height: 844 })
    await screenshot(reset, 'console-reset-password-390')
    await reset.getByLabel('Ripeti la password').fill(NEW_PASSWORD)
    await reset.getByRole('button', { name: 'Salva la nuova password' }).click()
    await reset.getByRole('status').getByText('Password cambiata: ora accedi con quella nuova.').waitFor()
    assert.equal(await reset.getByLabel('E-mail').inputValue(), anna.email)

    // Anna's open console is cut off at once, and the next load finds no session
    await annaDesk
      .getByRole('status')
      .getByText(/Connessione interrotta/)
      .waitFor()
    await annaDesk.reload()
    await annaDesk.getByRole('heading', { name: 'Accedi' }).waitFor()
    await signIn(reset, anna.email, NEW_PASSWORD)
    await reset.getByRole('tab', { name: 'In attesa' }).waitFor()

    // the link worked once
    const { page: again } = await page()
    await again.goto(local(link))
    await again
      .getByRole('alert')
      .getByText(/Questo link è già stato usato o è scaduto/)
      .waitFor()
  })

  it('lets a coordinator issue a password link to pass on', async () => {
    const coordinator = await makePerson(server, line.helplineId, 'coordinator', 'Chiara')
    await makePerson(server, line.helplineId, 'volunteer', 'Bruno')
    const { desk } = await teamOf(coordinator.email)
    const members = desk.getByRole('region', { name: 'Persone della squadra' })
    await members
      .getByRole('row', { name: /Bruno/ })
      .getByRole('button', { name: 'Link per la password Bruno' })
      .click()
    const box = members.getByLabel(/^Link per una nuova password di Bruno \(valido una volta, fino al /)
    await box.waitFor()
    const link = await box.inputValue()
    assert.match(link, /#\/reset\/[A-Za-z0-9_-]{43}$/)
    await box.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-password-link-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    await box.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-password-link-390')

    const { page: bruno } = await page(390, 844)
    await bruno.goto(local(link))
    await bruno.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
    await bruno.getByLabel('Ripeti la password').fill(NEW_PASSWORD)
    await bruno.getByRole('button', { name: 'Salva la nuova password' }).click()
    await bruno.getByRole('status').getByText('Password cambiata: ora accedi con quella nuova.').waitFor()
  })
})
