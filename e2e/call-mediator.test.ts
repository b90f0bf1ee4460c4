// A mediator on the line, in Chromium: a coordinator puts an Arabic mediator on the helpline's list
// in "Squadra"; a call rings Anna's phone and she answers it (the fake Twilio plays the call flow);
// in the call's record in her "Le mie" she chooses the mediator by label and language and adds
// them: the call moves into a conference, the mediator's phone is called and joins (the fake plays
// Twilio's Calls and Participants APIs and the conference's reports); then she lets them go, and
// the caller is still on the line with her. The mediator's number never shows on her screen.
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
import { playConferences } from '../apps/server/src/testing/fake-twilio-conference.ts'
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
const ANNA_PHONE = '+393401112244'
const MEDIATOR_PHONE = '+393409998866'

describe('a mediator on the line, in Chromium', () => {
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

  it('the operator on a live call adds a mediator chosen by language and lets them go; the caller stays', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, helplineId, { ...settings, desk: DESK_SETTINGS })
    const { target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, fake, { helplineId })
    const conferences = playConferences(fake, target)

    // the coordinator's list, in "Squadra"
    const cora = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Cora')
    const team = await openDesk(browser, server.url, cora.email, contexts)
    await team.getByRole('link', { name: 'Squadra' }).click()
    const list = team.getByRole('region', { name: 'Mediazione e interpretariato' })
    await list.waitFor()
    await list.getByLabel('Etichetta (senza nomi)').fill('Mediatrice araba')
    await list.getByLabel(/^Lingue/).fill('ar, fr')
    await list.getByLabel(/^Numero/).fill(MEDIATOR_PHONE)
    await list.getByRole('button', { name: "Aggiungi all'elenco" }).click()
    await list.getByText(`Mediatrice araba · ar, fr · ${MEDIATOR_PHONE}`).waitFor()
    await list.scrollIntoViewIfNeeded()
    await screenshot(team, 'console-call-mediators-list-1280')
    await team.setViewportSize({ width: 390, height: 844 })
    await list.scrollIntoViewIfNeeded()
    await screenshot(team, 'console-call-mediators-list-390')

    const anna = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Anna')
    const phone = await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: anna.cookie,
      body: { phone: ANNA_PHONE },
    })
    assert.equal(phone.status, 200)
    const from = '+393331234500'
    const played = await playCall(target, fake.accountSid, {
      from,
      phones: { [ANNA_PHONE]: 'accept' },
      stayOnLine: true,
    })
    conferences.hold(played, from)

    const desk = await openDesk(browser, server.url, anna.email, contexts)
    await desk.getByRole('tab', { name: 'Le mie' }).click()
    await desk
      .getByRole('tabpanel', { name: 'Le mie' })
      .getByRole('link', { name: /Persona #/ })
      .click()
    await desk.locator('.call-record', { hasText: 'Chiamata in corso' }).waitFor()
    const choose = desk.getByLabel('Mediazione o interpretariato')
    await choose.locator('option', { hasText: 'Mediatrice araba' }).waitFor({ state: 'attached' })
    await choose.selectOption({ label: 'Mediatrice araba (arabo, francese)' })
    await desk.getByRole('button', { name: 'Aggiungi alla chiamata' }).click()

    const onCall = desk.getByRole('list', { name: 'Mediazione nella chiamata' })
    await onCall.getByText('Mediatrice araba · in linea').waitFor()
    await conferences.settled()
    assert.deepEqual(conferences.onLine(played.callSid).sort(), ['caller', 'mediator', 'operator'])
    assert.equal(await desk.getByText(MEDIATOR_PHONE).count(), 0)
    assert.equal(await desk.getByText(from).count(), 0)
    await screenshot(desk, 'console-call-mediator-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await desk.setViewportSize({ width: 390, height: 844 })
    await onCall.scrollIntoViewIfNeeded()
    await screenshot(desk, 'console-call-mediator-390')
    await desk.setViewportSize({ width: 1280, height: 800 })

    await desk.getByRole('button', { name: 'Fai uscire Mediatrice araba dalla chiamata' }).click()
    await onCall.getByText(/^Mediatrice araba · uscito · durata \d+:\d\d$/).waitFor()
    await conferences.settled()
    // the caller is still talking with Anna, who can call someone in again
    assert.deepEqual(conferences.onLine(played.callSid).sort(), ['caller', 'operator'])
    await desk.locator('.call-record', { hasText: 'Chiamata in corso' }).waitFor()
    await desk.getByRole('button', { name: 'Aggiungi alla chiamata' }).waitFor()
  })
})
