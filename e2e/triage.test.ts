// Automatic triage, end to end: a person writes "stanotte voglio farla finita" on WhatsApp (a
// webhook signed as Meta signs it) while two others wait before them. Their conversation goes
// to the top of the queue in every open console (a volunteer's and a supervisor's, in Chromium),
// the supervisor's console alerts as for a volunteer's flag, the on-call number gets the alert,
// and the person is sent nothing. A volunteer's correction is recorded and counted.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { eventually } from '../apps/server/src/testing/eventually.ts'
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
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { DESK_SETTINGS, openDesk, setDeskSettings, writeIn } from './desk-fixtures.ts'

describe('automatic triage, from a WhatsApp message to every console', () => {
  let server: TestServer
  let whatsapp: FakeWhatsApp
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    whatsapp = await startFakeWhatsApp()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await whatsapp?.close()
    await server?.close()
  })

  const firstWaiting = (page: Page) =>
    page.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })

  it('puts an imminent risk first in every queue, alerts the supervisor and the on-call number, writes nothing to the person', async () => {
    const line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'coordinator' }],
      'Carla',
    )
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    const supervisor = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'supervisor' }],
      'Sara',
    )
    const door = await connectFakeWhatsApp(server, whatsapp, { helplineId: line.helplineId })
    const onCallNumber = '393339876543'
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      ...DESK_SETTINGS,
      onCall: { channelId: door.channelId, address: onCallNumber, everyMinutes: 10 },
    })

    // two people already waiting, due before anyone who writes now
    await writeIn(server, line.channelId, visitorToken(), 'Buonasera, volevo solo parlare un po’')
    await writeIn(server, line.channelId, visitorToken(), 'Mi sento sola da quando mi sono trasferita')
    const desks = [
      await openDesk(browser, server.url, volunteer.email, contexts),
      await openDesk(browser, server.url, supervisor.email, contexts),
    ]
    for (const desk of desks)
      await eventually('both waiting', async () => (await firstWaiting(desk).count()) === 2)

    const personPhone = '393471112233'
    const answer = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({
        messages: [
          whatsappText({ phone: personPhone }, 'Stanotte voglio farla finita, ho le pastiglie pronte'),
        ],
      }),
    )
    assert.equal(answer.status, 200)
    const { rows } = await server.pool.query<{ id: string; pseudonym: number; risk_level: string }>(
      `select c.id, ct.pseudonym, c.risk_level from conversation c join contact ct on ct.id = c.contact_id
        join channel ch on ch.id = c.channel_id where ch.id = $1`,
      [door.channelId],
    )
    const [urgent] = rows
    assert.ok(urgent)
    assert.equal(urgent.risk_level, 'imminent')

    // first in every open console, pushed there without a reload
    for (const desk of desks) {
      await eventually('the imminent conversation tops the queue', async () =>
        ((await firstWaiting(desk).first().textContent()) ?? '').includes(`Persona #${urgent.pseudonym}`),
      )
      assert.equal(await firstWaiting(desk).count(), 3)
    }
    // the supervisor's console alerts, as for a volunteer's flag, naming triage as who raised it
    const alert = desks[1]
      ?.getByRole('region', { name: 'Avvisi per chi supervisiona' })
      .getByRole('alert')
      .filter({
        hasText: `Rischio imminente · Persona #${urgent.pseudonym} · segnalata dal triage automatico`,
      })
    await alert?.waitFor()
    await screenshot(desks[1] as Page, 'console-triage-imminent-1280')
    // the volunteer's console has no supervisor's alert
    assert.equal(await desks[0]?.getByRole('region', { name: 'Avvisi per chi supervisiona' }).count(), 0)

    // the on-call number is alerted; the person is sent nothing, before it or with it
    await eventually('the on-call number is alerted', () => whatsapp.sent.some((m) => m.to === onCallNumber))
    const toOnCall = whatsapp.sent.find((m) => m.to === onCallNumber)
    assert.match(toOnCall?.text ?? '', /segnalazione di tutela \(rischio imminente\)/)
    assert.equal(toOnCall?.text.includes('farla finita'), false, 'the alert carries no words of the person')
    assert.deepEqual(
      whatsapp.sent.filter((m) => m.to === personPhone),
      [],
    )
    const flags = await server.pool.query(
      'select kind, raised_by, acknowledged_at from safeguarding_flag where conversation_id = $1',
      [urgent.id],
    )
    assert.deepEqual(flags.rows, [{ kind: 'imminent_risk', raised_by: null, acknowledged_at: null }])

    // a second imminent message alerts through the same open flag, not a new one
    await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: personPhone }, 'sono sul ponte adesso')] }),
    )
    const again = await server.pool.query(
      'select count(*)::int as n from safeguarding_flag where conversation_id = $1',
      [urgent.id],
    )
    assert.equal(again.rows[0]?.n, 1)

    // the volunteer corrects the level in the side panel: recorded, every queue follows, the facts count it
    const volunteerDesk = desks[0] as Page
    // the second message has reached this console: no later push resets the choice made below
    await firstWaiting(volunteerDesk).filter({ hasText: 'sono sul ponte adesso' }).waitFor()
    await firstWaiting(volunteerDesk).first().click()
    const correction = volunteerDesk.getByRole('region', { name: 'Livello di rischio' })
    await correction.getByLabel('Il livello giusto per questa conversazione').selectOption('medium')
    await screenshot(volunteerDesk, 'console-risk-correction-1280')
    await correction.getByRole('button', { name: 'Correggi' }).click()
    for (const desk of desks) {
      await eventually('the queue shows the corrected level', async () =>
        (
          (await firstWaiting(desk)
            .filter({ hasText: `Persona #${urgent.pseudonym}` })
            .textContent()) ?? ''
        ).includes('Rischio: medio'),
      )
    }
    const bad = await call(`${server.url}/api/conversations/${urgent.id}/risk-level`, {
      cookie: volunteer.cookie,
      body: { level: 'very high' },
    })
    assert.equal(bad.status, 400)
    const foreign = await makeHelpline(server.pool)
    const outsider = await makeOperator(
      server,
      [{ helplineId: foreign.helplineId, role: 'supervisor' }],
      'Ugo',
    )
    const refused = await call(`${server.url}/api/conversations/${urgent.id}/risk-level`, {
      cookie: outsider.cookie,
      body: { level: 'none' },
    })
    assert.equal(refused.status, 404)
    const corrections = await server.pool.query(
      'select from_level, to_level from risk_correction where conversation_id = $1',
      [urgent.id],
    )
    assert.deepEqual(corrections.rows, [{ from_level: 'imminent', to_level: 'medium' }])
    await call(`${server.url}/api/conversations/${urgent.id}/take`, { cookie: volunteer.cookie, body: {} })
    const closed = await call(`${server.url}/api/conversations/${urgent.id}/close`, {
      cookie: volunteer.cookie,
      body: { categories: ['dark-periods'], outcome: { outcome: 'listened' } },
    })
    assert.equal(closed.status, 200, JSON.stringify(closed.body))
    const facts = await server.pool.query(
      'select triage_level, risk_corrections from conversation_fact where conversation_id = $1',
      [urgent.id],
    )
    assert.deepEqual(facts.rows, [{ triage_level: 'imminent', risk_corrections: 1 }])
  })
})
