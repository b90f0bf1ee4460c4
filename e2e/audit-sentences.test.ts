// The audit log in sentences, in Chromium: "Marta ha letto la conversazione con Persona #3154",
// "Sara ha bloccato Persona #2205 per 7 giorni", the person linked to their conversation, the raw
// record behind a disclosure; the same in English. A name is shown as text, never as markup.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, setDeskSettings, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('the audit log in sentences, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('says who did what to whom, links the person, and keeps the raw record behind a disclosure', async () => {
    const carla = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    const marta = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Marta')
    const sara = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'supervisor' }],
      '<b>Sara</b>',
    )
    await setDeskSettings(server, line.helplineId, carla.cookie)
    for (const text of ['Prima persona che scrive', 'Seconda persona che scrive'])
      await writeIn(server, line.channelId, visitorToken(), text)
    const { rows } = await server.pool.query<{ id: string; pseudonym: number }>(
      `select c.id, ct.pseudonym from conversation c join contact ct on ct.id = c.contact_id
        where c.helpline_id = $1 order by c.opened_at`,
      [line.helplineId],
    )
    const [read, blocked] = rows
    assert.ok(read && blocked)
    assert.equal(
      (await call(`${server.url}/api/conversations/${read.id}`, { cookie: marta.cookie })).status,
      200,
    )
    const block = await call(`${server.url}/api/conversations/${blocked.id}/block`, {
      cookie: sara.cookie,
      body: { reason: 'Insulti ripetuti', days: 7, sendNotice: false },
    })
    assert.equal(block.status, 200)

    const desk = await openDesk(browser, server.url, carla.email, contexts)
    await desk.goto(`${server.url}/#/audit/${line.helplineId}`)
    await desk.getByRole('heading', { name: /^Registro · / }).waitFor()
    const log = desk.getByRole('table')
    const readRow = log.getByRole('row', {
      name: `Marta ha letto la conversazione con Persona #${read.pseudonym}`,
    })
    await readRow.waitFor()
    const person = readRow.getByRole('link', { name: `Persona #${read.pseudonym}` })
    assert.equal(await person.getAttribute('href'), `#/conversations/${read.id}`)
    const blockRow = log.getByRole('row', {
      name: new RegExp(`<b>Sara</b> ha bloccato Persona #${blocked.pseudonym} per 7 giorni`),
    })
    await blockRow.waitFor()
    assert.equal(await log.locator('b').count(), 0, 'a name is text, never markup')

    // the raw record, behind a disclosure
    const raw = blockRow.getByText(/"action":"contact.block"/)
    assert.equal(await raw.isVisible(), false)
    await blockRow.getByText('Dettagli tecnici').click()
    await raw.waitFor()
    assert.match((await raw.textContent()) ?? '', /"days":7/)
    await screenshot(desk, 'console-audit-sentences-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    await desk.getByRole('button', { name: 'English' }).click()
    await log
      .getByRole('row', { name: `<b>Sara</b> blocked Person #${blocked.pseudonym} for 7 days` })
      .waitFor()
    await log
      .getByRole('row', { name: `Marta read the conversation with Person #${read.pseudonym}` })
      .waitFor()
    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'console-audit-sentences-390')
    await desk.getByRole('button', { name: 'Italiano' }).click()

    // the person's link opens their conversation
    await log.getByRole('link', { name: `Persona #${read.pseudonym}` }).click()
    await desk.getByRole('heading', { name: `Persona #${read.pseudonym}` }).waitFor()
  })
})
