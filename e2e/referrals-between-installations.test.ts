// A referral to another Ascolto installation from the console, in Chromium: the regional line's
// coordinator sends a conversation to the national number (a partner in its list, on its own
// installation and database) from "Indirizza a un servizio"; it arrives in the national line's
// "Segnalazioni in entrata", and its acceptance comes back to the sender's screen.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import {
  partnerHelplines,
  type Side,
  setState,
  startTwoInstallations,
  takenConversation,
} from '../apps/server/src/testing/partner-installations.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, openMore } from './desk-fixtures.ts'

describe('a referral to another installation, in Chromium', () => {
  let installations: Awaited<ReturnType<typeof startTwoInstallations>>
  let browser: Browser
  let lines: { regional: Side; national: Side }
  const contexts: BrowserContext[] = []

  before(async () => {
    installations = await startTwoInstallations()
    browser = await launchBrowser()
    lines = await partnerHelplines(installations.regional, installations.national)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await installations?.close()
  })

  it('goes from the send dialog to the partner installation, and its acceptance comes back', async () => {
    const { regional, national } = lines
    const conversationId = await takenConversation(regional)
    const desk = await openDesk(browser, regional.server.url, regional.coordinator.email, contexts)
    await desk.goto(`${regional.server.url}/#/conversations/${conversationId}`)
    await openMore(desk)
    await desk.getByRole('button', { name: 'Indirizza a un servizio' }).click()
    const dialog = desk.getByRole('dialog', { name: 'Indirizza a un servizio' })
    await dialog.getByLabel("Una linea partner su un'altra installazione di Ascolto").check()
    await dialog
      .getByLabel('Linea partner', { exact: true })
      .selectOption({ label: 'Numero Verde Antitratta' })
    await dialog.getByLabel('Urgenza').selectOption('urgent')
    await dialog.getByLabel("Motivo dell'invio").fill('Donna in pericolo, chiede accoglienza')
    await dialog.getByLabel('Lingue (codici, es. it, ro)').fill('ro, it')
    await dialog.getByLabel('Cosa la persona ha accettato di far sapere').fill('Che la richiamino')
    await dialog.getByLabel("La persona ha dato il consenso all'invio").check()
    await dialog.getByRole('button', { name: 'Mostra il pacchetto' }).click()
    const packet = dialog.getByRole('region', { name: 'Pacchetto' })
    await packet.getByText('Donna in pericolo, chiede accoglienza').waitFor()
    await screenshot(desk, 'console-referral-installation-packet-1280')
    await dialog.getByRole('button', { name: 'Invia', exact: true }).click()
    const sent = desk.getByRole('article', { name: 'Segnalazione' })
    await sent.getByRole('heading', { name: /Numero Verde Antitratta/ }).waitFor()

    // on the national installation's own database, in its helpline's incoming queue
    const arrived = async () =>
      (
        await national.server.pool.query<{ id: string }>(
          "select id from referral where to_helpline_id = $1 and state = 'received'",
          [national.helplineId],
        )
      ).rows[0]?.id
    await eventually('the referral reaches the national installation', async () => Boolean(await arrived()))
    const incomingId = (await arrived()) as string
    await sent.locator('.referral-state').getByText('Ricevuta').waitFor()

    await setState(national, incomingId, { state: 'accepted' })
    await sent.locator('.referral-state').getByText('Accettata').waitFor()
    await screenshot(desk, 'console-referral-installation-sent-1280')
    const { rows } = await regional.server.pool.query<{ state: string }>(
      'select state from referral where from_helpline_id = $1',
      [regional.helplineId],
    )
    assert.deepEqual(rows, [{ state: 'accepted' }])
  })
})
