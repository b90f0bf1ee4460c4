// Voicemails in the queue, in Chromium: each shows its length before anyone plays it, and a line
// of text, its transcription (Twilio's transcribeCallback, through the fake at the network edge)
// or "messaggio vocale" while it has none; in the conversation the length stands by the player.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  silentMp3,
  startFakeTwilio,
  twilioRecorded,
  twilioSid,
  twilioTranscription,
} from '../apps/server/src/testing/fake-twilio.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../docs/settings/addiction-line.json'), 'utf8'),
)
const TRANSCRIBED = 'Buonasera, vorrei parlare con qualcuno domani mattina.'

describe('voicemails in the queue, in Chromium', () => {
  let server: TestServer
  let fake: FakeTwilio
  let browser: Browser
  const contexts: BrowserContext[] = []
  before(async () => {
    // Tuesday 22:30 in Rome: the addiction help line is closed, calls go to the voicemail
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

  it('shows each voicemail’s length and its transcription or "messaggio vocale"', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, settings)
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    const leave = async (from: string) => {
      const callSid = twilioSid('CA')
      const recordingSid = twilioSid('RE')
      fake.addRecording(recordingSid, silentMp3(3))
      const left = await postTwilioWebhook(
        target,
        twilioRecorded(fake.accountSid, from, callSid, recordingSid),
      )
      assert.equal(left.status, 200)
      return { callSid, recordingSid }
    }
    const first = await leave('+393331234567')
    const transcribed = await postTwilioWebhook(
      target,
      twilioTranscription(fake.accountSid, '+393331234567', first.callSid, first.recordingSid, TRANSCRIBED),
    )
    assert.equal(transcribed.status, 200)
    await leave('+393337654321')
    const pseudonyms = (
      await server.pool.query<{ pseudonym: number }>(
        `select ct.pseudonym from contact ct join conversation c on c.contact_id = ct.id
          where c.helpline_id = $1 order by c.opened_at`,
        [helplineId],
      )
    ).rows.map((r) => `Persona #${r.pseudonym}`)
    assert.equal(pseudonyms.length, 2)

    const volunteer = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Marta')
    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' })
    const item = (name: string) => waiting.getByRole('link', { name: new RegExp(`^${name} `) })
    // twilioRecorded says RecordingDuration 14
    await item(pseudonyms[0] ?? '')
      .getByText(`Segreteria · 0:14 ${TRANSCRIBED}`)
      .waitFor()
    await item(pseudonyms[1] ?? '')
      .getByText('Segreteria · 0:14 messaggio vocale')
      .waitFor()
    // above the queue, the call-backs say each recording's length too
    const callbacks = desk.getByRole('region', { name: '2 persone da richiamare' })
    // their list is read again when it changes, apart from the queue's: waited for, then counted
    await callbacks.getByText('Durata 0:14').nth(1).waitFor()
    assert.equal(await callbacks.getByText('Durata 0:14').count(), 2)
    await screenshot(desk, 'console-voicemail-callbacks-1280')
    // once called back, the queue has the room to show them
    const listed = await call(`${server.url}/api/callbacks`, { cookie: volunteer.cookie })
    for (const callback of listed.body.callbacks as Array<{ id: string }>) {
      const marked = await call(`${server.url}/api/callbacks/${callback.id}/outcome`, {
        cookie: volunteer.cookie,
        body: { outcome: 'done' },
      })
      assert.equal(marked.status, 200)
    }
    await desk.reload()
    await callbacks.waitFor({ state: 'detached' })
    await item(pseudonyms[0] ?? '')
      .getByText(`Segreteria · 0:14 ${TRANSCRIBED}`)
      .waitFor()
    await screenshot(desk, 'console-voicemail-queue-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    // a call on the line's SMS number: the door people know, the phone
    await item(pseudonyms[0] ?? '')
      .getByText(/^Telefono( · |$)/)
      .waitFor()
    assert.equal(
      await item(pseudonyms[0] ?? '')
        .getByText(/^SMS( · |$)/)
        .count(),
      0,
    )

    // in the conversation, the length by the player, before it is played
    const id = (await item(pseudonyms[1] ?? '').getAttribute('href')) ?? ''
    await desk.goto(`${server.url}/${id}`)
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await messages.getByText('Durata 0:14').waitFor()
    const player = messages.getByLabel('Messaggio vocale')
    await player.waitFor()
    assert.equal(await player.evaluate((audio) => (audio as HTMLAudioElement).played.length), 0)
    await screenshot(desk, 'console-voicemail-1280')

    await desk.setViewportSize({ width: 390, height: 844 })
    await messages.getByText('Durata 0:14').waitFor()
    await screenshot(desk, 'console-voicemail-390')
    await desk.getByRole('link', { name: 'Torna alla coda' }).click()
    await item(pseudonyms[0] ?? '')
      .getByText(`Segreteria · 0:14 ${TRANSCRIBED}`)
      .waitFor()
    await screenshot(desk, 'console-voicemail-queue-390')
  })

  it('shows a call-back asked for while the desk is open at once, without waiting for its next read', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, settings)
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara')
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    contexts.push(context)
    const desk = await context.newPage()
    await desk.clock.install()
    await desk.goto(server.url)
    await desk.getByLabel('E-mail').fill(supervisor.email)
    await desk.getByLabel('Password').fill(TEST_PASSWORD)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    await desk.getByRole('tabpanel', { name: 'In attesa' }).getByText('Nessuna persona in attesa.').waitFor()
    // from here no timer of the page fires: the list's half-minute read cannot show it
    await desk.clock.pauseAt(Date.now() + 1000)

    const recordingSid = twilioSid('RE')
    fake.addRecording(recordingSid, silentMp3(3))
    const left = await postTwilioWebhook(
      target,
      twilioRecorded(fake.accountSid, '+393339998877', twilioSid('CA'), recordingSid),
    )
    assert.equal(left.status, 200)
    await desk.getByRole('region', { name: '1 persona da richiamare' }).waitFor()
  })
})
