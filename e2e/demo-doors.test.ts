// The demo's other doors in Chromium: as the person, an SMS, a call that ends in a voicemail and
// a Telegram message reach Ascolto through the local fakes (signed as Twilio and Telegram sign),
// and the volunteer's reply comes back to the page; a call answered on the operator's phone (the
// page plays it) lands in that operator's "Le mie".
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { DEMO_DESK_PHONE, startDemoDoors } from '../apps/server/src/demo/other-doors.ts'
import { repliesSettled } from '../apps/server/src/testing/replies-settled.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'

describe('the demo page for SMS, the phone and Telegram, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let doors: Awaited<ReturnType<typeof startDemoDoors>>
  let helplineId: string
  before(async () => {
    server = await startTestServer({ ASCOLTO_PUBLIC_URL: 'https://ascolto.example.org' })
    ;({ helplineId } = await makeHelpline(server.pool))
    // signed for the public address, posted to the one it listens on (as behind a proxy)
    doors = await startDemoDoors(server, helplineId, 'https://ascolto.example.org')
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await doors?.close()
    await server?.close()
  })

  it('an SMS, a voicemail and a Telegram message reach the helpline; the reply comes back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(doors.url)

    await page.getByLabel('Messaggio').first().fill('Ciao, vi scrivo per SMS')
    await page.getByRole('button', { name: 'Invia SMS' }).click()
    await page.locator('#sms-status').getByText('Inviato').waitFor()

    // the line is open: the operator's phone rings; nobody answers it, so the voicemail
    await page.getByRole('button', { name: 'Chiama' }).click()
    await page.getByText('Squilla il telefono: +390212340000').waitFor()
    await page.getByRole('button', { name: 'Non rispondere' }).click()
    await page.getByText(/Senti: «In questo momento nessuno può rispondere\./).waitFor()
    await page.getByRole('button', { name: /Lascia un messaggio in segreteria/ }).click()
    // the call's own status, once the voicemail's webhook has been answered (the page's opening
    // words also speak of a call-back request, from the start)
    await page
      .locator('#call-status')
      .getByText(/Messaggio lasciato/)
      .waitFor()

    await page.getByLabel('Messaggio').nth(1).fill('E anche su Telegram')
    await page.getByRole('button', { name: 'Invia su Telegram' }).click()
    await page.locator('#tg-status').getByText('Inviato').waitFor()

    const { rows } = await server.pool.query(
      `select ch.kind, m.kind as message_kind from message m join channel ch on ch.id = m.channel_id
        where m.helpline_id = $1 and m.direction = 'inbound' order by m.seq`,
      [helplineId],
    )
    assert.deepEqual(
      rows.map((r) => [r.kind, r.message_kind]),
      [
        ['twilio', 'text'],
        ['twilio', 'call'],
        ['twilio', 'voicemail'],
        ['telegram', 'text'],
      ],
    )
    const requests = await server.pool.query('select 1 from callback_request where helpline_id = $1', [
      helplineId,
    ])
    assert.equal(requests.rowCount, 1)

    // the volunteer answers the SMS: it comes back to the page
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    const sms = queue.body.conversations.find((c: { channelKind: string }) => c.channelKind === 'twilio')
    await call(`${server.url}/api/conversations/${sms.id}/take`, { cookie: volunteer.cookie, body: {} })
    await call(`${server.url}/api/conversations/${sms.id}/messages`, {
      cookie: volunteer.cookie,
      body: { text: 'Ciao, ti abbiamo letto. Ti richiamiamo domani.' },
    })
    await repliesSettled(server, sms.id)
    await page
      .getByRole('list', { name: 'Conversazione SMS' })
      .getByText('Ciao, ti abbiamo letto. Ti richiamiamo domani.')
      .waitFor()
    await screenshot(page, 'demo-doors-1280')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'demo-doors-390')
    await context.close()
  })

  it('a call the person makes, answered on the operator phone the page plays, is in that operator’s "Le mie"', async () => {
    const operator = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marta')
    await call(`${server.url}/api/account/phone`, {
      method: 'PUT',
      cookie: operator.cookie,
      body: { phone: DEMO_DESK_PHONE },
    })
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const page = await context.newPage()
    await page.goto(doors.url)
    await page.getByLabel('Il tuo numero').fill('+393339876543')
    await page.getByRole('button', { name: 'Chiama' }).click()
    await page.getByRole('button', { name: 'Rispondi e premi 1' }).click()
    await page
      .getByText(/Chi risponde sente: «Chiamata per la linea .+: premi 1 per rispondere\.» e preme 1/)
      .waitFor()
    await screenshot(page, 'demo-call-answered-1280')
    await page.getByRole('button', { name: 'Riaggancia' }).click()
    await page.getByText(/Chiamata finita/).waitFor()

    const mine = await call(`${server.url}/api/conversations?status=mine&helplineId=${helplineId}`, {
      cookie: operator.cookie,
    })
    assert.equal(mine.body.conversations.length, 1)
    const detail = await call(`${server.url}/api/conversations/${mine.body.conversations[0].id}`, {
      cookie: operator.cookie,
    })
    const [answered] = detail.body.messages.filter((m: { kind: string }) => m.kind === 'call')
    assert.equal(answered.call.outcome, 'answered')
    assert.equal(answered.call.answeredBy.displayName, 'Marta')
    assert.ok(answered.call.talkSeconds >= 1)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.locator('#call-status').scrollIntoViewIfNeeded()
    await screenshot(page, 'demo-call-answered-390')
    await context.close()
  })
})
