// Referrals in Chromium: a volunteer of the regional line sends a conversation to the national
// line of the same installation with the person's consent, after reading the packet; it arrives at
// once in the national line's "Segnalazioni in entrata", is accepted into a case there, and the
// sender sees each decision live. A referral to a partner without Ascolto, picked from the
// directory, gives a printable sheet, a recorded hand-over and states set by hand.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, openMore, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('referrals, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let regional: { helplineId: string; channelId: string }
  let national: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    regional = await makeHelpline(server.pool, 'linea-regionale')
    national = await makeHelpline(server.pool, 'numero-nazionale')
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  /** A person writes to the regional line; the volunteer takes the conversation. */
  async function conversationTaken(desk: Page, text: string) {
    await writeIn(server, regional.channelId, visitorToken(), text)
    await desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link').first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
  }

  /** Fills what every referral needs and reads the packet before sending it. */
  async function packetRead(desk: Page, reason: string) {
    const dialog = desk.getByRole('dialog', { name: 'Indirizza a un servizio' })
    await dialog.getByLabel("Motivo dell'invio").fill(reason)
    await dialog.getByLabel('Lingue (codici, es. it, ro)').fill('ro, it')
    await dialog.getByLabel('Cosa la persona ha accettato di far sapere').fill('La città e la lingua')
    await dialog.getByLabel("La persona ha dato il consenso all'invio").check()
    await dialog.getByRole('button', { name: 'Mostra il pacchetto' }).click()
    const packet = dialog.getByRole('region', { name: 'Pacchetto' })
    await packet.getByText(reason).waitFor()
    await packet.getByText('Non incluso').waitFor()
    return packet
  }

  it('goes to another line of the installation, accepted into a case there, seen live by the sender', async () => {
    const giulia = await makeOperator(
      server,
      [{ helplineId: regional.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    const sara = await makeOperator(server, [{ helplineId: national.helplineId, role: 'volunteer' }], 'Sara')
    const sender = await openDesk(browser, server.url, giulia.email, contexts)
    const receiver = await openDesk(browser, server.url, sara.email, contexts)
    await receiver.getByRole('link', { name: 'Segnalazioni', exact: true }).click()
    const incoming = receiver.getByRole('region', { name: 'Segnalazioni in entrata' })
    await incoming.getByText('Nessuna segnalazione in entrata.').waitFor()

    await conversationTaken(sender, 'Lavoro in un campo senza paga, mi hanno preso il passaporto.')
    await openMore(sender)
    await sender.getByRole('button', { name: 'Indirizza a un servizio' }).click()
    const dialog = sender.getByRole('dialog', { name: 'Indirizza a un servizio' })
    await dialog.getByLabel('Linea', { exact: true }).selectOption({ label: 'Helpline numero-nazionale' })
    await dialog.getByLabel('Urgenza').selectOption('urgent')
    const packet = await packetRead(sender, 'Sfruttamento lavorativo, documenti trattenuti')
    await packet.scrollIntoViewIfNeeded()
    await screenshot(sender, 'console-referral-packet-1280')
    await dialog.getByRole('button', { name: 'Invia', exact: true }).click()
    const sent = sender.getByRole('article', { name: 'Segnalazione' })
    await sent.getByRole('heading', { name: /A Helpline numero-nazionale/ }).waitFor()
    await sent.getByText('Inviata', { exact: true }).first().waitFor()

    // at once in the national line's queue, through the socket
    const item = incoming.getByRole('link', { name: /Helpline linea-regionale/ })
    await item.waitFor()
    await item.click()
    const received = receiver.getByRole('article', { name: 'Segnalazione' })
    await received.getByText('Sfruttamento lavorativo, documenti trattenuti').waitFor()
    await sent.locator('.referral-state').getByText('Ricevuta').waitFor()
    await screenshot(receiver, 'console-referrals-incoming-1280')
    assert.deepEqual(await wcagViolations(receiver), [])

    await received.getByRole('button', { name: 'Accetta e apri un percorso' }).click()
    await received.locator('.referral-state').getByText('Accettata').waitFor()
    await sent.locator('.referral-state').getByText('Accettata').waitFor()
    await sent.getByText(/Accettata · .* · Sara/).waitFor()
    await screenshot(sender, 'console-referrals-sent-1280')

    await receiver.setViewportSize({ width: 390, height: 844 })
    await received.scrollIntoViewIfNeeded()
    await screenshot(receiver, 'console-referrals-incoming-390')
    const overflow = await receiver.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the referrals scroll sideways by ${overflow}px at 390 px`)
    const box = await received.getByText('Sfruttamento lavorativo, documenti trattenuti').boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the packet fits the phone')
    await received.getByRole('link', { name: "Apri il percorso aperto all'accettazione" }).click()
    await receiver.getByRole('heading', { name: 'Segnalazione da Helpline linea-regionale' }).waitFor()
    await receiver.getByText('Sfruttamento lavorativo, documenti trattenuti').first().waitFor()
  })

  it('goes to a partner without Ascolto: a printable sheet, a hand-over, its state set by hand', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: regional.helplineId, role: 'coordinator' }])
    const added = await call(`${server.url}/api/helplines/${regional.helplineId}/directory`, {
      cookie: coordinator.cookie,
      body: {
        organisation: 'Pop Wok',
        service: 'Mensa "sicura"',
        municipality: 'Firenze',
        topics: ['pasti'],
        languages: ['it', 'en'],
        reach: 'Firenze, accoglienza@popwok.example',
        replyTexts: {},
      },
    })
    assert.equal(added.status, 201)
    const marco = await makeOperator(
      server,
      [{ helplineId: regional.helplineId, role: 'volunteer' }],
      'Marco',
    )
    const desk = await openDesk(browser, server.url, marco.email, contexts)
    await conversationTaken(desk, 'Non mangio da due giorni, sono a Firenze.')
    await openMore(desk)
    await desk.getByRole('button', { name: 'Indirizza a un servizio' }).click()
    const dialog = desk.getByRole('dialog', { name: 'Indirizza a un servizio' })
    await dialog.getByLabel('Un servizio della rete').check()
    await dialog.getByLabel('Servizio', { exact: true }).selectOption({ label: 'Pop Wok — Mensa "sicura"' })
    await packetRead(desk, 'Un pasto caldo e un posto sicuro')
    await dialog.getByRole('button', { name: 'Invia', exact: true }).click()
    const referral = desk.getByRole('article', { name: 'Segnalazione' })
    await referral.getByRole('heading', { name: /A Pop Wok — Mensa "sicura"/ }).waitFor()

    await referral.getByLabel('Consegna').selectOption('email')
    await referral.getByLabel('A chi').fill('accoglienza@popwok.example')
    await referral.getByRole('button', { name: 'Registra la consegna' }).click()
    await referral.getByText(/Inviata per e-mail a accoglienza@popwok\.example · .* · Marco/).waitFor()
    await referral.getByRole('button', { name: "Il servizio l'ha ricevuta" }).click()
    await referral.locator('.referral-state').getByText('Ricevuta').waitFor()

    await referral.getByRole('link', { name: 'Scheda da stampare' }).click()
    const sheet = desk.getByRole('main', { name: 'Scheda di invio' })
    await sheet.getByText('Un pasto caldo e un posto sicuro').waitFor()
    await sheet.getByText(/Consenso dato il .* dalla persona, registrato da Marco/).waitFor()
    await screenshot(desk, 'console-referral-sheet-1280')
    await desk.emulateMedia({ media: 'print' })
    assert.equal(
      await sheet.getByRole('button', { name: 'Stampa' }).isVisible(),
      false,
      'no buttons on paper',
    )
    await screenshot(desk, 'console-referral-sheet-print-1280')
    await desk.emulateMedia({ media: 'screen' })
    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'console-referral-sheet-390')
  })
})
