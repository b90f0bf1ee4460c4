// A call-back from a case, in Chromium: a person who texted the line is followed in a case; until
// they agree to be contacted there is no «Richiama»; once they do, the volunteer asks for a call on
// Sunday (the line is closed: it lands on Monday's opening), sees it waiting on the case and in the
// call-back list above the queue; a supervisor reveals the number, calls, records that the person
// was reached, and the case's timeline says so.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import { closeOnSundays } from '../apps/server/src/testing/closed-on-sundays.ts'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import {
  connectFakeTwilio,
  type FakeTwilio,
  postTwilioWebhook,
  startFakeTwilio,
  twilioSms,
} from '../apps/server/src/testing/fake-twilio.ts'
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
const PERSON = '+393471234777'

describe('a call-back from a case, in Chromium', () => {
  let server: TestServer
  let twilio: FakeTwilio
  let browser: Browser
  const contexts: BrowserContext[] = []
  // Saturday 5 December 2026, 11:00 in Rome
  const now = new Date('2026-12-05T10:00:00Z')

  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: PUBLIC_URL }, { clock: () => now })
    twilio = await startFakeTwilio()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await twilio?.close()
    await server?.close()
  })

  it('asks for a call-back from the case, once the person agreed, and shows how it went', async () => {
    const line = await makeHelpline(server.pool)
    await closeOnSundays(server.pool, line.helplineId)
    const giulia = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const elena = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    const { channelId, target } = await connectFakeTwilio({ ...server, publicUrl: PUBLIC_URL }, twilio, {
      helplineId: line.helplineId,
    })
    assert.equal((await postTwilioWebhook(target, twilioSms(twilio.accountSid, PERSON, 'Ciao'))).status, 200)
    let conversationId = ''
    await eventually('the message is stored', async () => {
      const { rows } = await server.pool.query('select id from conversation where channel_id = $1', [
        channelId,
      ])
      conversationId = rows[0]?.id ?? ''
      return conversationId !== ''
    })
    const api = (path: string, body: unknown) =>
      call(`${server.url}/api${path}`, { cookie: giulia.cookie, body })
    assert.equal((await api(`/conversations/${conversationId}/take`, {})).status, 200)
    const opened = await api('/cases', { conversationId, title: 'Gioco, richiamare' })
    assert.equal(opened.status, 201)

    const volunteer = await openDesk(browser, server.url, giulia.email, contexts)
    await volunteer.goto(`${server.url}/#/cases/${opened.body.id}`)
    const people = volunteer.getByRole('region', { name: 'Persone' })
    await people
      .getByRole('button', { name: 'Ha acconsentito a essere ricontattata su SMS e telefono' })
      .waitFor()
    assert.equal(await people.getByRole('button', { name: 'Richiama' }).count(), 0, 'no consent: no button')
    await people
      .getByRole('button', { name: 'Ha acconsentito a essere ricontattata su SMS e telefono' })
      .click()
    await people.getByText(/^Consenso a essere ricontattata su SMS e telefono/).waitFor()
    assert.equal(await people.getByText(/^Su WhatsApp/).count(), 0, 'no WhatsApp template on an SMS door')
    // the browser runs in UTC: Sunday 6 December 10:00 UTC, when the line is closed
    await people.getByLabel(/^Quando richiamare/).fill('2026-12-06T10:00')
    await people.getByRole('button', { name: 'Richiama' }).click()
    // Monday's opening, 09:00 in Rome
    await people.getByText(/Richiamata in attesa, entro lun 7 dic.*08:00/).waitFor()
    const timeline = volunteer.getByRole('region', { name: 'Cronologia' })
    await timeline.getByText(/Richiamata chiesta · Giulia · Persona #\d+ · entro lun 7 dic/).waitFor()
    await screenshot(volunteer, 'console-case-callback-1280')
    assert.deepEqual(await wcagViolations(volunteer), [])

    // the supervisor's desk: the call-back waits above the queue, with the case that asked
    const supervisor = await openDesk(browser, server.url, elena.email, contexts)
    const panel = supervisor.getByRole('region', { name: '1 persona da richiamare' })
    await panel.getByRole('link', { name: 'Chiesta da un percorso' }).waitFor()
    await panel.getByRole('button', { name: 'Mostra il numero' }).click()
    await panel.getByRole('link', { name: `Chiama ${PERSON}` }).waitFor()
    await screenshot(supervisor, 'console-case-callback-list-1280')
    await supervisor.setViewportSize({ width: 390, height: 844 })
    await screenshot(supervisor, 'console-case-callback-list-390')
    await panel.getByRole('button', { name: 'Richiamata' }).click()
    await panel.waitFor({ state: 'detached' })

    await volunteer.reload()
    await timeline.getByText(/Richiamata: raggiunta · Persona #\d+ · 1 tentativo/).waitFor()
    await timeline.scrollIntoViewIfNeeded()
    await screenshot(volunteer, 'console-case-callback-timeline-1280')
    const { rows } = await server.pool.query('select status, case_id from callback_request')
    assert.deepEqual(rows, [{ status: 'called_back', case_id: opened.body.id }])

    const phone = await openDesk(browser, server.url, giulia.email, contexts, { width: 390, height: 844 })
    await phone.goto(`${server.url}/#/cases/${opened.body.id}`)
    await phone.getByRole('region', { name: 'Persone' }).getByRole('button', { name: 'Richiama' }).waitFor()
    await screenshot(phone, 'console-case-callback-390')
  })
})
