// The person behind a conversation, in Chromium: a coordinator reveals a WhatsApp number with a
// reason (shown once, gone when the dialog closes, listed in the audit log), downloads the
// person's data (without the address: no reason was given for it), and erases the person, after
// which the volunteer's open console no longer shows the conversation; the volunteer never sees
// those actions. Where the helpline asks for two people, the volunteer's request waits for a
// supervisor (and a reload), who approves or refuses it in the conversation; the volunteer's page
// says so at once, and an approval is spent once.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { ContactExport } from '@ascolto/protocol'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, openMore, wcagViolations } from './desk-fixtures.ts'

describe("a person's address, data and erasure at the desk, in Chromium", () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  /** A helpline on WhatsApp, its staff, and a person who wrote from `phone`. */
  async function lineWithPerson(phone: string, text: string, phoneNumberId: string) {
    const { helplineId } = await makeHelpline(server.pool)
    const door = await connectFakeWhatsApp(server, fake, { helplineId, phoneNumberId })
    const staff = {
      volunteer: await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Giulia'),
      supervisor: await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara'),
      coordinator: await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla'),
    }
    const written = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ phoneNumberId, messages: [whatsappText({ phone }, text)] }),
    )
    assert.equal(written.status, 200)
    const { rows } = await server.pool.query<{ id: string; pseudonym: number }>(
      `select c.id, p.pseudonym from conversation c join contact p on p.id = c.contact_id
        where c.helpline_id = $1`,
      [helplineId],
    )
    const conversation = rows[0] as { id: string; pseudonym: number }
    return { helplineId, staff, conversationId: conversation.id, name: `Persona #${conversation.pseudonym}` }
  }

  const open = async (page: Page, conversationId: string, name: string) => {
    await page.goto(`${server.url}/#/conversations/${conversationId}`)
    await page.getByRole('heading', { name }).waitFor()
  }

  it('reveals with a reason, exports, erases; a volunteer sees none of it', async () => {
    const phone = '393471234567'
    const text = 'Vorrei che cancellaste tutto quello che ho scritto'
    const { helplineId, staff, conversationId, name } = await lineWithPerson(phone, text, '100000000000001')

    // the volunteer takes the conversation: no address, no export, no erasure for her
    const giulia = await openDesk(browser, server.url, staff.volunteer.email, contexts)
    await open(giulia, conversationId, name)
    await giulia.getByRole('button', { name: 'Prendi in carico' }).click()
    await giulia.getByRole('button', { name: 'Trasferisci' }).waitFor()
    await openMore(giulia)
    for (const action of ['Mostra il recapito', 'Esporta i dati della persona', 'Cancella la persona']) {
      assert.equal(await giulia.getByRole('button', { name: action }).count(), 0, action)
    }

    // the coordinator reveals the number with a reason; it is gone from the page once closed
    const carla = await openDesk(browser, server.url, staff.coordinator.email, contexts)
    await open(carla, conversationId, name)
    await openMore(carla)
    await carla.getByRole('button', { name: 'Mostra il recapito' }).click()
    const ask = carla.getByRole('dialog', { name: `Mostrare il recapito di ${name}?` })
    await ask.getByLabel('Motivo').fill('La persona chiede di essere richiamata')
    await ask.getByRole('button', { name: 'Mostra il recapito' }).click()
    // hidden ones too: closed is not enough, it must have left the page
    const shown = carla.getByRole('dialog', { name: `Recapito di ${name}`, includeHidden: true })
    await shown.getByText(phone).waitFor()
    await screenshot(carla, 'console-reveal-address-1280')
    assert.deepEqual(await wcagViolations(carla), [])
    await shown.getByRole('button', { name: 'Chiudi' }).click()
    await shown.waitFor({ state: 'detached' })
    assert.equal((await carla.content()).includes(phone), false)

    // the export: a file with the conversation and its messages
    await openMore(carla)
    const [download] = await Promise.all([
      carla.waitForEvent('download'),
      carla.getByRole('button', { name: 'Esporta i dati della persona' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^persona-\d+\.json$/)
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as ContactExport
    assert.equal(exported.conversations[0]?.id, conversationId)
    assert.deepEqual(
      exported.conversations[0]?.messages.map((m) => m.text),
      [text],
    )
    // the console's export asks no reason, so it leaves the addresses out (the reveal rules)
    assert.deepEqual(exported.addresses, [])
    assert.equal(exported.addressesIncluded, false)
    assert.ok(!JSON.stringify(exported).includes(phone))
    await carla.getByRole('status').filter({ hasText: 'File scaricato' }).waitFor()

    // erasure: the number typed out and a reason; then it is gone from both consoles
    await openMore(carla)
    await carla.getByRole('button', { name: 'Cancella la persona' }).click()
    const erase = carla.getByRole('dialog', { name: `Cancellare ${name} per sempre?` })
    const number = name.replace('Persona #', '')
    await erase.getByLabel(`Per confermare, scrivi il numero della persona: ${number}`).fill('1')
    await erase.getByLabel('Motivo della cancellazione').fill('Richiesta della persona, via WhatsApp')
    await erase.getByRole('button', { name: 'Cancella per sempre' }).click()
    // a wrong number holds the form back (the browser's own check), and nothing is erased
    const typed = erase.getByLabel(/^Per confermare/)
    assert.equal(await typed.evaluate((input) => (input as HTMLInputElement).validity.valid), false)
    assert.equal(
      (await server.pool.query('select 1 from conversation where id = $1', [conversationId])).rowCount,
      1,
    )
    await typed.fill(number)
    await screenshot(carla, 'console-erase-dialog-1280')
    assert.deepEqual(await wcagViolations(carla), [])
    await carla.setViewportSize({ width: 390, height: 844 })
    await screenshot(carla, 'console-erase-dialog-390')
    await carla.setViewportSize({ width: 1280, height: 800 })
    // under a legal hold it is refused, in words that say what to do
    const hold = (on: boolean) =>
      call(`${server.url}/api/conversations/${conversationId}/legal-hold`, {
        cookie: staff.supervisor.cookie,
        body: { on, reason: on ? 'richiesta della procura' : 'archiviata' },
      })
    assert.equal((await hold(true)).status, 200)
    await erase.getByRole('button', { name: 'Cancella per sempre' }).click()
    await erase.getByRole('alert').filter({ hasText: 'Togli prima il blocco legale' }).waitFor()
    assert.equal((await hold(false)).status, 200)
    await erase.getByRole('button', { name: 'Cancella per sempre' }).click()
    await erase.waitFor({ state: 'detached' })
    await carla.getByText('Scegli una conversazione dalla coda.').waitFor()
    await giulia.getByText('Scegli una conversazione dalla coda.').waitFor()
    await giulia.getByRole('tab', { name: 'Le mie' }).click()
    assert.equal(
      await giulia
        .getByRole('tabpanel', { name: 'Le mie' })
        .getByRole('link', { name: new RegExp(name) })
        .count(),
      0,
    )
    // and after a reload too: it does not exist any more
    await giulia.reload()
    await giulia.getByRole('tab', { name: 'In attesa' }).waitFor()
    await giulia.getByRole('tab', { name: 'Le mie' }).click()
    assert.equal(await giulia.getByRole('link', { name: new RegExp(name) }).count(), 0)

    // the audit log lists the reveal (with its reason, never the number), the export, the erasure
    await carla.goto(`${server.url}/#/audit/${helplineId}`)
    await carla.getByRole('heading', { name: /^Registro · / }).waitFor()
    for (const sentence of [
      'Carla ha visto il recapito di una persona ora cancellata',
      'Carla ha esportato i dati di una persona ora cancellata',
      'Carla ha cancellato i dati di una persona',
    ]) {
      await carla.getByRole('rowheader', { name: sentence }).waitFor()
    }
    // the reason is in the event's raw record, behind its disclosure
    const revealed = carla.getByRole('row', { name: /Carla ha visto il recapito/ }).first()
    await revealed.getByText('Dettagli tecnici').click()
    await revealed.getByText(/La persona chiede di essere richiamata/).waitFor()
    assert.equal((await carla.content()).includes(phone), false)
  })

  it('where the helpline asks for two people, the request outlives a reload, a supervisor decides, the volunteer sees it at once and reveals once', async () => {
    const phone = '393409998877'
    const { helplineId, staff, conversationId, name } = await lineWithPerson(
      phone,
      'Non rispondo più a WhatsApp, chiamatemi',
      '100000000000002',
    )
    const switched = await call(`${server.url}/api/helplines/${helplineId}/security`, {
      method: 'PUT',
      cookie: staff.coordinator.cookie,
      body: { volunteerSecondFactor: false, sessionIdleMinutes: 720, revealNeedsApproval: true },
    })
    assert.equal(switched.status, 200)

    // Sara, a supervisor, has the conversation open before anything is asked
    const sara = await openDesk(browser, server.url, staff.supervisor.email, contexts)
    await open(sara, conversationId, name)
    const requests = sara.getByRole('region', { name: 'Richieste di vedere il recapito' })

    const giulia = await openDesk(browser, server.url, staff.volunteer.email, contexts, {
      width: 390,
      height: 844,
    })
    await open(giulia, conversationId, name)
    await giulia.getByRole('button', { name: 'Prendi in carico' }).click()
    await openMore(giulia)
    await giulia.getByRole('button', { name: 'Mostra il recapito' }).click()
    const ask = giulia.getByRole('dialog', { name: `Mostrare il recapito di ${name}?` })
    await ask.getByText('Se nessuno decide entro 24 ore, scade').waitFor()
    await ask.getByLabel('Motivo').fill('Chiede di essere chiamata, non legge più i messaggi')
    await screenshot(giulia, 'console-reveal-request-390')
    await ask.getByRole('button', { name: "Chiedi l'approvazione" }).click()
    const state = (text: string) => giulia.getByRole('status').filter({ hasText: text })
    await state('Richiesta inviata, in attesa della supervisione').waitFor()

    // Sara's open conversation shows the request as it is asked, without a reload
    await requests.getByText('Giulia chiede il recapito').waitFor()

    // after a reload Giulia still sees that she asked, and the dialog does not ask again
    await giulia.reload()
    await giulia.getByRole('heading', { name }).waitFor()
    await state('Richiesta inviata, in attesa della supervisione').waitFor()
    await screenshot(giulia, 'console-reveal-pending-390')
    assert.deepEqual(await wcagViolations(giulia), [])
    await openMore(giulia)
    await giulia.getByRole('button', { name: 'Mostra il recapito' }).click()
    const again = giulia.getByRole('dialog', { name: `Mostrare il recapito di ${name}?` })
    await again.getByText('«Chiede di essere chiamata, non legge più i messaggi»', { exact: false }).waitFor()
    assert.equal(await again.getByLabel('Motivo').count(), 0)
    await again.getByRole('button', { name: 'Mostra il recapito' }).click()
    await again.getByRole('alert').filter({ hasText: 'non è ancora stata approvata' }).waitFor()
    await again.getByRole('button', { name: 'Annulla' }).click()
    // from here on, the page must change without being loaded again
    await giulia.evaluate(() => Object.assign(window, { stillTheSamePage: true }))

    // Sara approves it in the conversation
    await screenshot(sara, 'console-reveal-approve-1280')
    assert.deepEqual(await wcagViolations(sara), [])
    await requests.getByRole('button', { name: 'Approva' }).click()
    await requests.getByRole('status').filter({ hasText: 'Richiesta approvata' }).waitFor()

    // Giulia's page says so at once, and she sees the number, once
    await state('Approvata: puoi vedere il recapito (una volta)').waitFor()
    await screenshot(giulia, 'console-reveal-approved-390')
    await giulia.setViewportSize({ width: 1280, height: 800 })
    await screenshot(giulia, 'console-reveal-approved-1280')
    await giulia.setViewportSize({ width: 390, height: 844 })
    assert.equal(await giulia.evaluate(() => 'stillTheSamePage' in window), true)
    await openMore(giulia)
    await giulia.getByRole('button', { name: 'Mostra il recapito' }).click()
    const approved = giulia.getByRole('dialog', { name: `Mostrare il recapito di ${name}?` })
    await approved.getByText('Approvata da Sara', { exact: false }).waitFor()
    await approved.getByRole('button', { name: 'Mostra il recapito' }).click()
    // hidden ones too: closed is not enough, it must have left the page
    const shown = giulia.getByRole('dialog', { name: `Recapito di ${name}`, includeHidden: true })
    await shown.getByText(phone).waitFor()
    await screenshot(giulia, 'console-reveal-address-390')
    assert.deepEqual(await wcagViolations(giulia), [])
    await shown.getByRole('button', { name: 'Chiudi' }).click()
    await shown.waitFor({ state: 'detached' })
    assert.equal((await giulia.content()).includes(phone), false)

    // spent: seeing it again takes a new request
    await state('Recapito già visto: per rivederlo serve una nuova richiesta').waitFor()
    const reveal = `${server.url}/api/conversations/${conversationId}/contact/reveal`
    const once = await call(reveal, { cookie: staff.volunteer.cookie, body: { reason: 'di nuovo' } })
    assert.equal(once.status, 403)
    await openMore(giulia)
    await giulia.getByRole('button', { name: 'Mostra il recapito' }).click()
    const anew = giulia.getByRole('dialog', { name: `Mostrare il recapito di ${name}?` })
    await anew.getByLabel('Motivo').fill('Non ha risposto, riprovo domani')
    await anew.getByRole('button', { name: "Chiedi l'approvazione" }).click()
    await state('Richiesta inviata, in attesa della supervisione').waitFor()

    // this one Sara refuses: Giulia's page names who did, as it happens
    await requests.getByText('Non ha risposto, riprovo domani', { exact: false }).waitFor()
    await requests.getByRole('button', { name: 'Rifiuta' }).click()
    await state('Rifiutata da Sara').waitFor()
    await screenshot(giulia, 'console-reveal-refused-390')
    assert.equal(await giulia.evaluate(() => 'stillTheSamePage' in window), true)
  })
})
