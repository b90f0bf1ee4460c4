// A call answered by an operator, in Chromium: the fake Twilio plays the call flow (the phones
// ring, Anna's picks up, hears the announcement and presses 1, the talk lasts 3:12, the call
// ends); the conversation is in Anna's "Le mie" with the call's record and duration; she writes a
// note and closes it with the closing form and a category; the statistics count the call. A
// contact logged by hand (a call to the office phone) does the same: in her "Le mie", a note, the
// closing form, counted in the statistics under its own door.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser, BrowserContext } from 'playwright-core'
import { DESK_SETTINGS } from '../apps/server/src/testing/desk-settings.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  startFakeTwilio,
} from '../apps/server/src/testing/fake-twilio.ts'
import { playCall } from '../apps/server/src/testing/fake-twilio-call.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../docs/settings/addiction-line.json'), 'utf8'),
)
const ANNA_PHONE = '+393401112233'

describe('a call answered by an operator, in Chromium', () => {
  let server: TestServer
  let fake: FakeTwilio
  let browser: Browser
  const contexts: BrowserContext[] = []
  before(async () => {
    // Tuesday 16:00 in Rome: the addiction help line is open
    server = await startTestServer(
      { ASCOLTO_PUBLIC_URL: PUBLIC_URL },
      { clock: () => new Date('2026-12-01T15:00:00Z') },
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

  it('appears in her "Le mie" with its duration, takes a note and the closing form, and the statistics count it', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, { ...settings, desk: DESK_SETTINGS })
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    const anna = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Anna')
    assert.equal(
      (
        await call(`${server.url}/api/account/phone`, {
          method: 'PUT',
          cookie: anna.cookie,
          body: { phone: ANNA_PHONE },
        })
      ).status,
      200,
    )

    const played = await playCall(target, fake.accountSid, {
      from: '+393331234567',
      phones: { [ANNA_PHONE]: 'accept' },
      talkSeconds: 192,
    })
    assert.deepEqual(played.rounds, [[ANNA_PHONE]])

    const desk = await openDesk(browser, server.url, anna.email, contexts)
    await desk.getByRole('tab', { name: 'Le mie' }).click()
    await desk
      .getByRole('tabpanel', { name: 'Le mie' })
      .getByRole('link', { name: /Persona #/ })
      .click()
    const record = desk.locator('.call-record')
    await record.waitFor()
    assert.match(
      (await record.textContent()) ?? '',
      /^Chiamata con risposta · ha risposto Anna · squillato \d+ s · durata 3:12$/,
    )
    assert.equal(await desk.getByText('+393331234567').count(), 0)

    await desk.getByRole('button', { name: 'Scrivi una nota privata' }).click()
    await desk.getByLabel('Nota privata').fill('Chiede del servizio per il figlio: richiamerà giovedì')
    await desk.getByRole('button', { name: 'Aggiungi nota' }).click()
    // in the messages: the field may still hold it for a moment after the note is sent
    await desk
      .getByRole('region', { name: 'Messaggi' })
      .getByText('Chiede del servizio per il figlio: richiamerà giovedì')
      .waitFor()
    await screenshot(desk, 'console-call-answered-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await desk.setViewportSize({ width: 390, height: 844 })
    await record.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-call-answered-390')
    await desk.setViewportSize({ width: 1280, height: 800 })

    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const dialog = desk.getByRole('dialog', { name: /^Chiudere la conversazione con Persona #/ })
    await dialog.getByRole('checkbox', { name: 'Solitudine' }).check()
    await dialog.getByLabel(/^Esito/).selectOption({ label: 'Ascoltata' })
    await dialog.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await dialog.waitFor({ state: 'detached' })

    await desk.getByRole('link', { name: 'Statistiche' }).click()
    const calls = desk.getByRole('table', { name: 'Chiamate' })
    await calls.waitFor()
    const cells = await calls.getByRole('row').nth(1).getByRole('cell').allTextContents()
    // calls, answered, unanswered, voicemail, ended while ringing, refused, wait, length (median, average)
    // one call: fewer than five, so '<5'
    assert.deepEqual(cells.slice(0, 5), ['<5', '<5', '0', '0', '0'])
    assert.match(cells[7] ?? '', /^3 min/)
    const closed = await server.pool.query(
      'select categories, outcome from conversation_fact where helpline_id = $1',
      [helplineId],
    )
    assert.deepEqual(closed.rows, [{ categories: ['loneliness'], outcome: { outcome: 'listened' } }])
    await calls.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-call-statistics-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    await calls.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-call-statistics-390')
  })

  it('a contact logged by hand: in "Le mie", a note, the closing form, counted under its door', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, { ...settings, desk: DESK_SETTINGS })
    const bea = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Bea')
    const desk = await openDesk(browser, server.url, bea.email, contexts)
    await desk.getByRole('link', { name: 'Registra un contatto' }).click()
    const form = desk.getByRole('main')
    await form.getByLabel('Come è avvenuto').selectOption({ label: "Telefono dell'ufficio" })
    await form.getByLabel('Chi si è messo in contatto').selectOption({ label: 'Un familiare' })
    await form.getByLabel('Quando').fill('2026-12-01T10:30')
    await form.getByLabel('Durata (minuti)').fill('15')
    await form.getByLabel('Note').fill('Il fratello chiede come accompagnarlo al primo colloquio')
    await form.getByRole('button', { name: 'Registra' }).click()
    await desk
      .locator('.conversation-meta')
      .getByText(/Registrato a mano/)
      .waitFor()
    await desk.getByRole('tab', { name: 'Le mie' }).click()
    await desk
      .getByRole('tabpanel', { name: 'Le mie' })
      .getByRole('link', { name: /Persona #/ })
      .waitFor()
    await desk.getByRole('button', { name: 'Scrivi una nota privata' }).click()
    await desk.getByLabel('Nota privata').fill('Richiamerà dopo il colloquio di giovedì')
    await desk.getByRole('button', { name: 'Aggiungi nota' }).click()
    // in the messages: the field may still hold it for a moment after the note is sent
    await desk
      .getByRole('region', { name: 'Messaggi' })
      .getByText('Richiamerà dopo il colloquio di giovedì')
      .waitFor()
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const dialog = desk.getByRole('dialog', { name: /^Chiudere la conversazione con Persona #/ })
    await dialog.getByRole('checkbox', { name: 'Solitudine' }).check()
    await dialog.getByLabel(/^Esito/).selectOption({ label: 'Ascoltata' })
    await dialog.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await dialog.waitFor({ state: 'detached' })

    await desk.getByRole('link', { name: 'Statistiche' }).click()
    // the close is stamped by the database's own clock, not the test's: a period that holds both
    await desk.getByRole('heading', { name: 'Conversazioni per canale' }).waitFor()
    await desk.getByLabel('Dal', { exact: true }).fill('2026-01-01')
    await desk.getByLabel('Al', { exact: true }).fill('2035-12-31')
    await desk.getByRole('button', { name: 'Mostra' }).click()
    const doors = desk.getByRole('table', { name: 'Conversazioni per canale' })
    await doors.waitFor()
    const row = doors.getByRole('row', { name: /Registrato a mano/ })
    assert.equal(await row.getByRole('cell').first().textContent(), '<5', 'one: fewer than five')
    const closed = await server.pool.query(
      'select channel_kind, categories from conversation_fact where helpline_id = $1',
      [helplineId],
    )
    assert.deepEqual(closed.rows, [{ channel_kind: 'logged', categories: ['loneliness'] }])
  })
})
