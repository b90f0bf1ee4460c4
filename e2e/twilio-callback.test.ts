// A voicemail left out of hours, in the console, in Chromium: the call-back waits above the
// queue with its due time; the recording (fetched by the worker from the fake Twilio, stored
// sealed) plays; a supervisor reveals the number to call and records that nobody answered,
// and the call-back stays, due again, with its try counted.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import type { Browser } from 'playwright-core'
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
  TEST_PASSWORD,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'

const PUBLIC_URL = 'https://ascolto.example.org'
const settings = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../docs/settings/addiction-line.json'), 'utf8'),
)

describe('call-backs in the console, in Chromium', () => {
  let server: TestServer
  let fake: FakeTwilio
  let browser: Browser
  before(async () => {
    // Tuesday 22:30 in Rome: the addiction help line is closed until Wednesday 09:00
    server = await startTestServer(
      { ASCOLTO_PUBLIC_URL: PUBLIC_URL },
      { clock: () => new Date('2026-12-01T21:30:00Z') },
    )
    fake = await startFakeTwilio()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  it('plays the voicemail, reveals the number to a supervisor, records an unanswered try', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, settings)
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    const recordingSid = twilioSid('RE')
    fake.addRecording(recordingSid, silentMp3(3))
    const left = await postTwilioWebhook(
      target,
      twilioRecorded(fake.accountSid, '+393331234567', twilioSid('CA'), recordingSid),
    )
    assert.equal(left.status, 200)
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Supervisora')

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const desk = await context.newPage()
    await desk.goto(server.url)
    await desk.getByLabel('E-mail').fill(supervisor.email)
    await desk.getByLabel('Password').fill(TEST_PASSWORD)
    await desk.getByRole('button', { name: 'Accedi' }).click()

    const panel = desk.getByRole('region', { name: '1 persona da richiamare' })
    await panel.waitFor()
    const recording = panel.getByLabel('Messaggio in segreteria')
    // the worker may store it after the first listing: the panel hears of it
    await recording.waitFor()
    const seconds = await recording.evaluate(
      (element) =>
        new Promise<number>((resolve, reject) => {
          const audio = element as HTMLAudioElement
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true })
          audio.addEventListener('error', () => reject(new Error('the voicemail did not load')), {
            once: true,
          })
          audio.preload = 'metadata'
          audio.load()
        }),
    )
    assert.ok(seconds > 2 && seconds < 4, `the voicemail lasts ${seconds} s`)

    await panel.getByRole('button', { name: 'Mostra il numero' }).click()
    await panel.getByRole('link', { name: 'Chiama +393331234567' }).waitFor()
    await screenshot(desk, 'console-callbacks-1280')

    await panel.getByRole('button', { name: 'Non raggiungibile' }).click()
    await panel.getByText('1 tentativo').waitFor()
    const { rows } = await server.pool.query(
      'select status, attempts from callback_request where helpline_id = $1',
      [helplineId],
    )
    assert.deepEqual(rows, [{ status: 'not_reachable', attempts: 1 }])
    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'console-callbacks-390')
    await context.close()
  })
})
