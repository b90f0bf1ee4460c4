// The desk reads its queue whole when its socket connects, and is kept current by what the server
// pushes. On a busy machine the read's answer can arrive after a change pushed meanwhile: a
// conversation given to the volunteer then must stay in their list, not vanish under an answer
// read before it was theirs (a trial's desk test lost it so). The answer is held here, in
// Chromium, until the push has been shown, and only then let through.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Route } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser } from './browser.ts'
import { DESK_SETTINGS, setDeskSettings, writeIn } from './desk-fixtures.ts'

describe('the queue read while a conversation is pushed, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await context?.close()
    await browser?.close()
    await server?.close()
  })

  it('keeps a conversation given to the volunteer while the answer of their list was on its way', async () => {
    const line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      ...DESK_SETTINGS,
      assignment: 'automatic',
    })
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Marco',
    )

    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    // the list of "mine", read when the socket connects: answered now (empty), let through later
    let held: { route: Route; body: string } | undefined
    const listRead = new Promise<void>((resolve) => {
      context.route(/\/api\/conversations\?.*status=mine/, async (route) => {
        if (held) return route.continue()
        const response = await route.fetch()
        held = { route, body: await response.text() }
        resolve()
      })
    })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByLabel('E-mail').fill(volunteer.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Accedi' }).click()
    await listRead
    assert.deepEqual(JSON.parse(held?.body ?? '{}').conversations, [])

    // someone writes: the volunteer is the one free, the conversation is theirs, and pushed to them
    await writeIn(server, line.channelId, visitorToken(), 'Buonasera, posso scrivere qui?')
    const arrivals = page.getByRole('region', { name: 'Conversazioni affidate a te' })
    await arrivals.getByText(/ora è affidata a te/).waitFor()

    // the answer read before it was theirs arrives last
    await held?.route.fulfill({ status: 200, contentType: 'application/json', body: held.body })
    await page.getByRole('tab', { name: 'Le mie' }).click()
    const mine = page.getByRole('tabpanel', { name: 'Le mie' })
    await mine.getByRole('link', { name: /Persona #/ }).waitFor()
    assert.equal(await mine.getByText('Caricamento…').count(), 0)
  })
})
