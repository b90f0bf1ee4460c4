// The WhatsApp demo as a newcomer meets it: `ascolto start --demo` prints a phone page; what they
// write there as the person reaches the console's queue through Meta's signed webhooks (the local
// fake Cloud API), and the volunteer's reply comes back to the phone.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import type { Browser } from 'playwright-core'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../apps/server/src/testing/spawn-ascolto.ts'
import { launchBrowser, screenshot } from './browser.ts'

describe('the WhatsApp demo phone, in Chromium', () => {
  let database: TestDatabase
  let dataDir: string
  let ascolto: SpawnedAscolto | undefined
  let browser: Browser
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-demo-phone-'))
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    if (ascolto) await stopAscolto(ascolto)
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('carries what is written on the phone to the console, and the reply back', async () => {
    ascolto = await spawnAscolto(
      {
        DATABASE_URL: database.url,
        ASCOLTO_DATA_DIR: dataDir,
        ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex'),
        // the demo's admin signs in with a password alone here; the second factor has its own tests
        ASCOLTO_SECOND_FACTOR: 'optional',
      },
      ['--demo'],
    )
    const output = ascolto.output()
    const phoneUrl = /Demo phone on WhatsApp \(a local stand-in for Meta\): (\S+)/.exec(output)?.[1]
    const password = /with the password (\S+)/.exec(output)?.[1]
    assert.ok(phoneUrl && password, output)

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' })
    const phone = await phoneContext.newPage()
    await phone.goto(phoneUrl)
    await phone.getByLabel('Scrivi un messaggio').fill('Ciao, vi scrivo da WhatsApp')
    await phone.getByRole('button', { name: 'Invia' }).click()
    await phone.getByRole('list', { name: 'Messaggi' }).getByText('Ciao, vi scrivo da WhatsApp').waitFor()

    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const desk = await deskContext.newPage()
    await desk.goto(ascolto.url)
    await desk.getByLabel('E-mail').fill('admin@ascolto.local')
    await desk.getByLabel('Password').fill(password)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().click()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await messages.getByText('Ciao, vi scrivo da WhatsApp').waitFor()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByLabel('Risposta').fill('Ciao, sono qui. Raccontami pure.')
    await desk.getByRole('button', { name: 'Invia' }).click()

    await phone
      .getByRole('list', { name: 'Messaggi' })
      .getByText('Ciao, sono qui. Raccontami pure.')
      .waitFor({ timeout: 15_000 })
    await screenshot(phone, 'demo-whatsapp-phone-390')
    await phoneContext.close()
    await deskContext.close()
  })
})
