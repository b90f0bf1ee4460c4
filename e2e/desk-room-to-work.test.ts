// Room to read and write, in Chromium: the conversations screen in three parts at 1280×800 (list ·
// conversation · side panel) with a safeguarding flag open and a call-back waiting keeps at least
// 55 % of the window's height for the messages and the reply box in sight; rare actions wait
// behind "Altro" with their own dialogs; on a phone one part at a time, the reply box in reach.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  silentMp3,
  startFakeTwilio,
  twilioRecorded,
  twilioSid,
} from '../apps/server/src/testing/fake-twilio.ts'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, openMore, wcagViolations, writeIn } from './desk-fixtures.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../docs/settings/addiction-line.json'), 'utf8'),
)

/** How much of the window the element takes, and whether it lies wholly inside it. */
async function placeOf(page: Page, selector: string) {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect()
    return {
      share: box.height / window.innerHeight,
      inside: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
    }
  })
}

describe('room to read and write, in Chromium', () => {
  let server: TestServer
  let fake: FakeTwilio
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    // Tuesday 22:30 in Rome: the addiction help line is closed, a voicemail asks for a call back
    server = await startTestServer(
      { ASCOLTO_PUBLIC_URL: PUBLIC_URL },
      { clock: () => new Date('2026-12-01T21:30:00Z') },
    )
    fake = await startFakeTwilio()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  it('keeps the messages and the reply box in sight beside a flag and a call-back', async () => {
    const line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, settings)
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, {
      helplineId: line.helplineId,
    })
    const recordingSid = twilioSid('RE')
    fake.addRecording(recordingSid, silentMp3(3))
    const left = await postTwilioWebhook(
      target,
      twilioRecorded(fake.accountSid, '+393331234567', twilioSid('CA'), recordingSid),
    )
    assert.equal(left.status, 200)
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')

    const token = visitorToken()
    for (const text of [
      'Buonasera, è da tanto che non dormo',
      'Bevo ogni sera e non riesco a smettere',
      'Oggi ho pensato di non voler più svegliarmi',
    ]) {
      await writeIn(server, line.channelId, token, text)
    }
    const desk = await openDesk(browser, server.url, sara.email, contexts)
    await desk.getByRole('region', { name: '1 persona da richiamare' }).waitFor()
    const item = desk
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: /Oggi ho pensato di non voler più svegliarmi/ })
    await item.click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByRole('button', { name: 'Segnala rischio' }).click()
    const dialog = desk.getByRole('dialog', { name: /Segnalazione di tutela/ })
    await dialog.getByRole('radio', { name: 'Rischio imminente' }).check()
    await dialog.getByLabel('Perché').fill('Dice di aver pensato di non svegliarsi più')
    await dialog.getByRole('button', { name: 'Avvisa la supervisione' }).click()

    // three parts: the list with the call-back, the conversation, the side panel with the flag
    const side = desk.getByRole('complementary', { name: /Intorno a Persona/ })
    await side
      .getByRole('region', { name: 'Segnalazioni di tutela' })
      .getByText('Rischio imminente')
      .waitFor()
    await desk
      .getByRole('alert')
      .filter({ hasText: /Rischio imminente · Persona/ })
      .waitFor()
    const messages = await placeOf(desk, '.messages')
    const reply = await placeOf(desk, '.composer textarea')
    await screenshot(desk, 'console-desk-three-parts-1280')
    assert.ok(
      messages.share >= 0.55,
      `the messages take ${(messages.share * 100).toFixed(1)} % of the height`,
    )
    assert.ok(reply.inside, 'the reply box is in sight')
    console.log(`messages at 1280×800: ${(messages.share * 100).toFixed(1)} % of the window's height`)
    await screenshot(desk, 'console-desk-three-parts-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    // the rare actions behind "Altro", each with its dialog as before
    assert.equal(await desk.getByRole('button', { name: 'Blocca', exact: true }).count(), 0)
    await desk.getByRole('button', { name: 'Altro' }).click()
    await desk.getByRole('button', { name: 'Blocca', exact: true }).click()
    const block = desk.getByRole('dialog', { name: /Bloccare Persona/ })
    await block.getByLabel('Motivo del blocco').waitFor()
    await screenshot(desk, 'console-desk-more-1280')
    await block.getByRole('button', { name: 'Annulla' }).click()
    await block.waitFor({ state: 'detached' })
    await desk.getByRole('button', { name: 'Blocco legale' }).waitFor()
    await desk.keyboard.press('Escape')
    await desk.getByRole('button', { name: 'Altro' }).waitFor()
    assert.equal(await desk.getByRole('button', { name: 'Altro' }).getAttribute('aria-expanded'), 'false')

    // a phone: one part at a time, the reply box in reach
    await desk.setViewportSize({ width: 390, height: 844 })
    assert.ok((await placeOf(desk, '.composer textarea')).inside, 'the reply box is in reach on a phone')
    assert.equal(await desk.getByRole('navigation', { name: 'Conversazioni' }).isVisible(), false)
    await screenshot(desk, 'console-desk-conversation-part-390')
    await desk.getByRole('button', { name: /Storia, note e tutela · segnalazione aperta/ }).click()
    await side.getByRole('region', { name: 'Segnalazioni di tutela' }).waitFor()
    assert.equal(await desk.locator('.composer').isVisible(), false)
    await screenshot(desk, 'console-desk-side-part-390')
    assert.deepEqual(await wcagViolations(desk), [])
    await side.getByRole('button', { name: 'Torna alla conversazione' }).click()
    await desk.getByLabel('Risposta').waitFor()
    await desk.getByRole('link', { name: 'Torna alla coda' }).click()
    await desk.getByRole('region', { name: '1 persona da richiamare' }).waitFor()
    await screenshot(desk, 'console-desk-list-part-390')
  })

  it('offers colleagues with availability and load; a transferred conversation arrives with a notice and a chime', async () => {
    const line = await makeHelpline(server.pool)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const marco = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await writeIn(server, line.channelId, visitorToken(), 'Posso parlare con qualcuno?')
    const { rows } = await server.pool.query<{ id: string; pseudonym: number }>(
      'select c.id, ct.pseudonym from contact ct join conversation c on c.contact_id = ct.id where c.helpline_id = $1',
      [line.helplineId],
    )
    const name = `Persona #${rows[0]?.pseudonym}`
    const conversationId = rows[0]?.id

    const giuliaDesk = await openDesk(browser, server.url, giulia.email, contexts)
    const marcoDesk = await openDesk(browser, server.url, marco.email, contexts)
    // every chime Marco's console makes, counted where the sound is made
    await marcoDesk.addInitScript(() => {
      const counted = window as unknown as { chimes: number }
      counted.chimes = 0
      const create = AudioContext.prototype.createOscillator
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        counted.chimes += 1
        return create.call(this)
      }
    })
    await marcoDesk.reload()
    await marcoDesk.getByRole('tab', { name: 'In attesa' }).waitFor()

    await giuliaDesk
      .getByRole('tabpanel', { name: 'In attesa' })
      .getByRole('link', { name: new RegExp(name) })
      .click()
    await giuliaDesk.getByRole('button', { name: 'Prendi in carico' }).click()
    await giuliaDesk.getByRole('button', { name: 'Trasferisci', exact: true }).click()
    const transfer = giuliaDesk.getByRole('dialog', { name: `Trasferire ${name}` })
    const to = transfer.getByLabel('A chi')
    await to
      .getByRole('option', { name: 'Sara · supervisione · Disponibile · 0 conversazioni aperte' })
      .waitFor({ state: 'attached' })
    await to.selectOption({ label: 'Marco · volontariato · Disponibile · 0 conversazioni aperte' })
    await transfer.getByLabel('Nota per chi la riceve').fill('Vuole parlare con un ragazzo')
    await screenshot(giuliaDesk, 'console-transfer-colleagues-1280')
    const chimesBefore = await marcoDesk.evaluate(() => (window as unknown as { chimes: number }).chimes)
    await transfer.getByRole('button', { name: 'Trasferisci la conversazione' }).click()

    const notice = marcoDesk.getByRole('region', { name: 'Conversazioni affidate a te' })
    await notice.getByText(`${name} ora è affidata a te`).waitFor()
    await marcoDesk.waitForFunction(
      (before) => (window as unknown as { chimes: number }).chimes > before,
      chimesBefore,
    )
    await screenshot(marcoDesk, 'console-transfer-arrived-1280')
    assert.deepEqual(await wcagViolations(marcoDesk), [])
    await marcoDesk.setViewportSize({ width: 390, height: 844 })
    await screenshot(marcoDesk, 'console-transfer-arrived-390')
    await notice.getByRole('link', { name: 'Apri la conversazione' }).click()
    await marcoDesk.getByRole('heading', { name }).waitFor()
    await notice.waitFor({ state: 'detached' })
    // Giulia, who handed it over, has no such notice
    assert.equal(await giuliaDesk.getByRole('region', { name: 'Conversazioni affidate a te' }).count(), 0)
    // a supervisor reassigning it sees Marco with the conversation he now has
    const saraDesk = await openDesk(browser, server.url, sara.email, contexts)
    await saraDesk.goto(`${server.url}/#/conversations/${conversationId}`)
    await saraDesk.getByRole('button', { name: 'Riassegna' }).click()
    await saraDesk
      .getByRole('dialog', { name: `Trasferire ${name}` })
      .getByLabel('A chi')
      .getByRole('option', { name: 'Giulia · volontariato · Disponibile · 0 conversazioni aperte' })
      .waitFor({ state: 'attached' })
    // the one who has it is not offered
    assert.equal(await saraDesk.getByRole('option', { name: /^Marco/ }).count(), 0)
  })

  it('says until when a person is blocked, and lets a supervisor lift it', async () => {
    const line = await makeHelpline(server.pool)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await writeIn(server, line.channelId, visitorToken(), 'Siete tutti inutili, vi scrivo ogni minuto')
    const { rows } = await server.pool.query<{ id: string; pseudonym: number }>(
      'select c.id, ct.pseudonym from contact ct join conversation c on c.contact_id = ct.id where c.helpline_id = $1',
      [line.helplineId],
    )
    const name = `Persona #${rows[0]?.pseudonym}`
    const giuliaDesk = await openDesk(browser, server.url, giulia.email, contexts)
    await giuliaDesk.goto(`${server.url}/#/conversations/${rows[0]?.id}`)
    await giuliaDesk.getByRole('button', { name: 'Prendi in carico' }).click()
    await openMore(giuliaDesk)
    await giuliaDesk.getByRole('button', { name: 'Blocca', exact: true }).click()
    const block = giuliaDesk.getByRole('dialog', { name: `Bloccare ${name}?` })
    await block.getByLabel('Motivo del blocco').fill('Insulti ripetuti')
    await block.getByRole('button', { name: 'Blocca la persona' }).click()
    // seven days from now, in words, and no way for a volunteer to lift it
    await giuliaDesk
      .getByRole('status')
      .filter({ hasText: /^Persona bloccata fino a \d+ \w+, \d\d:\d\d$/ })
      .waitFor()
    assert.equal(await giuliaDesk.getByRole('button', { name: 'Sblocca la persona' }).count(), 0)

    const saraDesk = await openDesk(browser, server.url, sara.email, contexts, { width: 390, height: 844 })
    await saraDesk.goto(`${server.url}/#/conversations/${rows[0]?.id}`)
    await saraDesk
      .getByRole('status')
      .filter({ hasText: /Persona bloccata fino a/ })
      .waitFor()
    await screenshot(saraDesk, 'console-blocked-until-390')
    await saraDesk.setViewportSize({ width: 1280, height: 800 })
    await screenshot(saraDesk, 'console-blocked-until-1280')
    assert.deepEqual(await wcagViolations(saraDesk), [])
    await saraDesk.getByRole('button', { name: 'Sblocca la persona' }).click()
    await saraDesk.getByRole('status').filter({ hasText: 'Persona sbloccata' }).waitFor()
    const { rows: after } = await server.pool.query('select blocked_at from contact where pseudonym = $1', [
      rows[0]?.pseudonym,
    ])
    assert.deepEqual(after, [{ blocked_at: null }])
  })
})
