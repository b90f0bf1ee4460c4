// Several people at the desk, in Chromium: two volunteers watch one queue (a conversation taken
// by one leaves the other's queue at once); a volunteer transfers a conversation to a colleague
// with a note; a safeguarding flag alerts the supervisor's open console until she takes charge,
// and she follows the helpline's playbook.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, setDeskSettings, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('volunteers and a supervisor at the desk, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  const deskFor = (email: string) => openDesk(browser, server.url, email, contexts)

  it('takes, transfers, and alerts the supervisor of a safeguarding flag', async () => {
    const coordinator = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'coordinator' }],
      'Carla',
    )
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const marco = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await setDeskSettings(server, line.helplineId, coordinator.cookie)

    const giuliaDesk = await deskFor(giulia.email)
    const marcoDesk = await deskFor(marco.email)
    const saraDesk = await deskFor(sara.email)

    await writeIn(server, line.channelId, visitorToken(), 'Ho 14 anni e stasera ho paura di tornare a casa')
    const { rows } = await server.pool.query<{ pseudonym: number }>('select pseudonym from contact')
    const name = `Persona #${rows[0]?.pseudonym}`
    const waitingFor = (page: Page) =>
      page.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: new RegExp(name) })

    // both volunteers see it; Giulia takes it, and it leaves Marco's queue at once
    await waitingFor(giuliaDesk).waitFor()
    await waitingFor(marcoDesk).waitFor()
    await waitingFor(giuliaDesk).click()
    await giuliaDesk.getByRole('button', { name: 'Prendi in carico' }).click()
    await waitingFor(marcoDesk).waitFor({ state: 'detached' })
    assert.equal(await waitingFor(marcoDesk).count(), 0)

    // Giulia raises a safeguarding flag: Sara's open console alerts at once
    await giuliaDesk.getByRole('button', { name: 'Segnala rischio' }).click()
    const flagDialog = giuliaDesk.getByRole('dialog', { name: `Segnalazione di tutela per ${name}` })
    await flagDialog.getByRole('radio', { name: 'Possibile minore a rischio' }).check()
    await flagDialog.getByLabel('Perché').fill('Dice di avere 14 anni e paura di tornare a casa')
    await flagDialog.getByRole('button', { name: 'Avvisa la supervisione' }).click()
    await giuliaDesk.getByRole('status').filter({ hasText: 'Supervisione avvisata' }).waitFor()

    const alert = saraDesk
      .getByRole('alert')
      .filter({ hasText: `Possibile minore a rischio · ${name} · segnalata da Giulia` })
    await alert.waitFor()
    await screenshot(saraDesk, 'console-desk-flag-alert-1280')
    assert.deepEqual(await wcagViolations(saraDesk), [])
    // a volunteer's console does not alert
    assert.equal(
      await marcoDesk.getByRole('alert').filter({ hasText: 'Possibile minore a rischio' }).count(),
      0,
    )

    // Giulia transfers the conversation to Marco with a note
    await giuliaDesk.getByRole('button', { name: 'Trasferisci', exact: true }).click()
    const transfer = giuliaDesk.getByRole('dialog', { name: `Trasferire ${name}` })
    await transfer
      .getByLabel('A chi')
      .selectOption({ label: 'Marco · volontariato · Disponibile · 0 conversazioni aperte' })
    await transfer
      .getByLabel('Nota per chi la riceve')
      .fill('Ha paura a casa: resta con lei, Sara è avvisata')
    await transfer.getByRole('button', { name: 'Trasferisci la conversazione' }).click()
    await giuliaDesk.locator('.conversation-status').getByText('Presa in carico da Marco').waitFor()
    await marcoDesk.getByRole('tab', { name: 'Le mie' }).click()
    await marcoDesk
      .getByRole('tabpanel', { name: 'Le mie' })
      .getByRole('link', { name: new RegExp(name) })
      .click()
    await marcoDesk
      .getByRole('region', { name: 'Messaggi' })
      .getByText('→ Marco: Ha paura a casa: resta con lei, Sara è avvisata')
      .waitFor()

    // Sara takes charge: the alert stops, the flag says who; she ticks a step of the playbook
    await saraDesk.getByRole('link', { name: 'Apri la conversazione' }).click()
    await saraDesk.getByRole('heading', { name }).waitFor()
    await saraDesk.locator('.flag-alert').getByRole('button', { name: 'Prendo in carico' }).click()
    await alert.waitFor({ state: 'detached' })
    const panel = saraDesk.getByRole('region', { name: 'Segnalazioni di tutela' })
    await panel.getByText(/Presa in carico da Sara/).waitFor()
    await panel
      .getByLabel('Chi hai contattato per: Chiama i servizi di emergenza (112)')
      .fill('112, operatrice 42')
    await panel.getByRole('button', { name: 'Fatto: Chiama i servizi di emergenza (112)' }).click()
    await panel.getByText(/Chi hai contattato: 112, operatrice 42/).waitFor()
    await screenshot(saraDesk, 'console-desk-playbook-1280')
    assert.deepEqual(await wcagViolations(saraDesk), [])
    await saraDesk.setViewportSize({ width: 390, height: 844 })
    await screenshot(saraDesk, 'console-desk-playbook-390')
    await saraDesk.setViewportSize({ width: 1280, height: 800 })
    // Marco, now handling it, sees the same flag and who took charge
    await marcoDesk.reload()
    await marcoDesk
      .getByRole('region', { name: 'Segnalazioni di tutela' })
      .getByText(/Presa in carico da Sara/)
      .waitFor()

    const steps = await server.pool.query(
      `select s.step_id, u.display_name from safeguarding_step s join app_user u on u.id = s.done_by`,
    )
    assert.deepEqual(steps.rows, [{ step_id: 'emergency', display_name: 'Sara' }])

    // Giulia takes a break; the supervisor's room shows who handles what, flags, and who is on
    await giuliaDesk.getByLabel('Disponibilità').selectOption({ label: 'In pausa' })
    await saraDesk.getByRole('link', { name: 'Sala di supervisione' }).click()
    await saraDesk.getByRole('heading', { name: 'Sala di supervisione' }).waitFor()
    const conversationsTable = saraDesk.getByRole('table').first()
    const row = conversationsTable.getByRole('row', { name: new RegExp(name) })
    await row.getByRole('cell', { name: 'Marco' }).waitFor()
    await row.getByText('Possibile minore a rischio').waitFor()
    const giuliaRow = saraDesk
      .getByRole('table')
      .nth(1)
      .getByRole('row', { name: /Giulia/ })
    await giuliaRow.getByText('In pausa').waitFor()
    // live: Marco closes it, and it leaves the room without a reload
    await marcoDesk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const closing = marcoDesk.getByRole('dialog', { name: /Chiudere la conversazione/ })
    await closing.getByLabel('Esito').selectOption({ label: 'Ascoltata' })
    await screenshot(saraDesk, 'console-room-1280')
    assert.deepEqual(await wcagViolations(saraDesk), [])
    await closing.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await row.waitFor({ state: 'detached' })
    await saraDesk.getByText('Nessuna conversazione aperta o in attesa.').waitFor()
    await saraDesk.setViewportSize({ width: 390, height: 844 })
    await screenshot(saraDesk, 'console-room-390')
    await saraDesk.getByRole('link', { name: 'Torna alle conversazioni' }).click()
    await saraDesk.setViewportSize({ width: 1280, height: 800 })

    // the phone-sized desk
    await marcoDesk.setViewportSize({ width: 390, height: 844 })
    await screenshot(marcoDesk, 'console-desk-conversation-390')
    await saraDesk.setViewportSize({ width: 390, height: 844 })
    await screenshot(saraDesk, 'console-desk-queue-390')
  })
})
