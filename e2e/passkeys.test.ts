// Passkeys in Chromium, with the DevTools Protocol's virtual authenticator standing in for a
// fingerprint reader: a supervisor adds a passkey from their account and signs in with password
// and passkey; a coordinator sets up a passkey in place of the app at first sign-in, and cannot
// remove it while it is their only second factor, and makes new recovery codes only on request,
// after the password again. The server's public URL is the very origin the
// browser opens (http://localhost is a secure context, and the passkeys are bound to it).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addMembership, createUser, REAUTHENTICATION_MINUTES } from '@ascolto/core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  makeHelpline,
  publicUrlEnv,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { signIn as signInAs, signOut } from './accounts.ts'
import { setUpAuthenticatorApp } from './authenticator-app.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { wcagViolations } from './desk-fixtures.ts'

describe('passkeys in the console, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let helplineId: string
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer({ ASCOLTO_SECOND_FACTOR: 'required', ...(await publicUrlEnv()) })
    browser = await launchBrowser()
    helplineId = (await makeHelpline(server.pool)).helplineId
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  async function person(role: 'supervisor' | 'coordinator', displayName: string) {
    const email = `${randomUUID().slice(0, 8)}@example.org`
    const user = await createUser(server.pool, { email, displayName, password: TEST_PASSWORD })
    await addMembership(server.pool, { userId: user.id, helplineId, role })
    return { userId: user.id, email }
  }

  /** A page with a platform authenticator of its own (user verification: yes, like a fingerprint). */
  async function pageWithAuthenticator() {
    // the CSP is bypassed only so that axe-core can be injected
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'it-IT',
      bypassCSP: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      dialog.accept().catch(() => {})
    })
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    })
    const credentials = async () =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials
    return { page, dialogs, credentials }
  }

  const signIn = (page: Page, email: string) => signInAs(page, server.url, email)

  /** Both sizes the console is checked at: the desk's 1280×800 and a phone's 390×844. */
  async function screenshots(page: Page, name: string) {
    await screenshot(page, `${name}-1280`)
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, `${name}-390`)
    await page.setViewportSize({ width: 1280, height: 800 })
  }

  it('lets a supervisor add a passkey from the account screen, then sign in with password and passkey', async () => {
    const supervisor = await person('supervisor', 'Marta')
    // her second factor so far: the app
    const code = await setUpAuthenticatorApp(server, supervisor.userId)
    const { page, credentials } = await pageWithAuthenticator()
    await signIn(page, supervisor.email)
    await page.getByLabel('Codice', { exact: true }).fill(code)
    await page.getByRole('button', { name: 'Accedi' }).click()
    await page.getByRole('link', { name: 'Marta' }).click()
    await page.getByRole('heading', { name: 'Il mio account' }).waitFor()
    await page.getByText('Nessuna passkey per ora.').waitFor()

    await page.getByLabel('Nome della passkey').fill('Portatile')
    await page.getByRole('button', { name: 'Aggiungi una passkey' }).click()
    await page.getByRole('status').getByText('Passkey «Portatile» aggiunta.').waitFor()
    const list = page.getByRole('list', { name: 'Le tue passkey' })
    await list
      .getByRole('listitem')
      .filter({ hasText: 'Portatile' })
      .getByText(/mai usata/)
      .waitFor()
    assert.equal((await credentials()).length, 1)
    assert.deepEqual(await wcagViolations(page), [])
    await screenshots(page, 'console-passkey-account')

    // the same authenticator a second time is refused by the browser itself (the server named it)
    await page.getByLabel('Nome della passkey').fill('Ancora lui')
    await page.getByRole('button', { name: 'Aggiungi una passkey' }).click()
    await page
      .getByRole('alert')
      .getByText('Questo dispositivo ha già una passkey per il tuo account.')
      .waitFor()

    await signOut(page)
    await signIn(page, supervisor.email)
    await page.getByRole('heading', { name: 'Codice di verifica' }).waitFor()
    assert.deepEqual(await wcagViolations(page), [])
    await screenshots(page, 'console-passkey-sign-in')
    await page.getByRole('button', { name: 'Usa una passkey' }).click()
    await page.getByRole('tab', { name: 'In attesa' }).waitFor()
    // the sign-in went through the passkey: its counter and last use moved on
    const stored = await server.pool.query<{ counter: string; last_used_at: Date | null }>(
      'select counter, last_used_at from user_passkey where user_id = $1',
      [supervisor.userId],
    )
    assert.ok(Number(stored.rows[0]?.counter) >= 1)
    assert.ok(stored.rows[0]?.last_used_at)
    const audit = await server.pool.query(
      `select details from audit_event where action = 'staff.signed_in' and subject_id = $1 order by id desc limit 1`,
      [supervisor.userId],
    )
    assert.deepEqual(audit.rows[0]?.details, { secondFactor: true, method: 'passkey' })
  })

  it('sets up a passkey in place of the app at first sign-in, and keeps the last one a role needs', async () => {
    const coordinator = await person('coordinator', 'Chiara')
    const { page, dialogs } = await pageWithAuthenticator()
    await signIn(page, coordinator.email)
    await page.getByRole('heading', { name: 'Proteggi il tuo account' }).waitFor()
    const alternative = page.getByRole('region', { name: 'Oppure usa una passkey' })
    await alternative.getByLabel('Nome della passkey').fill('Telefono')
    assert.deepEqual(await wcagViolations(page), [])
    await screenshots(page, 'console-passkey-setup')
    await alternative.getByRole('button', { name: 'Aggiungi una passkey' }).click()
    await page.getByRole('heading', { name: 'Codici di recupero' }).waitFor()
    assert.equal(
      await page.getByRole('list', { name: 'Codici di recupero' }).getByRole('listitem').count(),
      10,
    )
    await page.getByRole('button', { name: 'Li ho salvati, continua' }).click()
    await page.getByRole('tab', { name: 'In attesa' }).waitFor()

    await page.getByRole('link', { name: 'Chiara' }).click()
    await page.getByRole('button', { name: 'Rimuovi la passkey Telefono' }).click()
    await page
      .getByRole('alert')
      .getByText('Il tuo ruolo richiede un secondo fattore: aggiungine un altro prima di togliere questo.')
      .waitFor()
    assert.deepEqual(dialogs, ['Rimuovere la passkey «Telefono»? Non potrai più usarla per accedere.'])
    await page.getByRole('list', { name: 'Le tue passkey' }).getByText('Telefono').waitFor()
  })

  it('makes new recovery codes only when asked, after the password again once the sign-in is not recent', async () => {
    const coordinator = await person('coordinator', 'Irene')
    const { page, dialogs } = await pageWithAuthenticator()
    await signIn(page, coordinator.email)
    const alternative = page.getByRole('region', { name: 'Oppure usa una passkey' })
    await alternative.getByLabel('Nome della passkey').fill('Telefono')
    await alternative.getByRole('button', { name: 'Aggiungi una passkey' }).click()
    const first = page.getByRole('list', { name: 'Codici di recupero' })
    await first.getByRole('listitem').first().waitFor()
    const firstCodes = await first.getByRole('listitem').allTextContents()
    await page.getByRole('button', { name: 'Li ho salvati, continua' }).click()
    await page.getByRole('tab', { name: 'In attesa' }).waitFor()
    // the password was proven at sign-in, longer ago than the window now
    await server.pool.query(
      `update user_session set password_at = now() - make_interval(mins => $2) where user_id = $1`,
      [coordinator.userId, REAUTHENTICATION_MINUTES + 1],
    )

    await page.getByRole('link', { name: 'Irene' }).click()
    await page.getByRole('heading', { name: 'Il mio account' }).waitFor()
    await page.getByRole('button', { name: 'Crea nuovi codici di recupero' }).click()
    const confirm = page.getByRole('form', { name: 'Conferma che sei tu' })
    await confirm.getByLabel('La tua password').fill('non è questa')
    await confirm.getByRole('button', { name: 'Conferma' }).click()
    await confirm.getByRole('alert').getByText('La password non è giusta.').waitFor()
    await confirm.getByLabel('La tua password').fill(TEST_PASSWORD)
    assert.deepEqual(await wcagViolations(page), [])
    await screenshots(page, 'console-password-again')
    await confirm.getByRole('button', { name: 'Conferma' }).click()

    const renewed = page.getByRole('list', { name: 'Codici di recupero' })
    await renewed.getByRole('listitem').first().waitFor()
    const newCodes = await renewed.getByRole('listitem').allTextContents()
    assert.equal(newCodes.length, 10)
    assert.ok(newCodes.every((code) => !firstCodes.includes(code)))
    await screenshots(page, 'console-recovery-codes-renewed')
    assert.deepEqual(dialogs, [
      'Creare nuovi codici di recupero? Quelli che hai smettono subito di funzionare.',
    ])
    const audit = await server.pool.query(
      `select details from audit_event where action = 'staff.recovery_codes_issued' and subject_id = $1 order by id`,
      [coordinator.userId],
    )
    assert.deepEqual(
      audit.rows.map((row) => row.details),
      [{ why: 'first_factor' }, { why: 'requested' }],
    )
  })
})
