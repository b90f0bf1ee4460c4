// Risk where people choose what to do next, in Chromium: a word of the helpline's list and a
// volunteer's flag raise conversations' risk; the queue puts the highest first with its level in
// words, "Le mie" and the conversation's header say it too, and the supervision room sorts by it
// with each conversation's last message, still readable on a phone without scrolling sideways.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, setWordList, wcagViolations, writeIn } from './desk-fixtures.ts'

describe('risk at the desk, in Chromium', () => {
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

  it('shows the level in words and puts the highest risk first, in the queue and the room', async () => {
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    await setWordList(server, line.helplineId, coordinator.cookie, ['codice viola'])

    await writeIn(server, line.channelId, visitorToken(), 'Buonasera, avrei una domanda')
    await writeIn(server, line.channelId, visitorToken(), 'Ho 13 anni e a casa ho paura')
    await writeIn(server, line.channelId, visitorToken(), 'Stasera mi serve il codice viola')
    const { rows } = await server.pool.query<{ pseudonym: number }>(
      `select ct.pseudonym from conversation c join contact ct on ct.id = c.contact_id order by c.opened_at, c.id`,
    )
    const [plain, minor, words] = rows.map((r) => `Persona #${r.pseudonym}`) as [string, string, string]

    const desk = await openDesk(browser, server.url, sara.email, contexts)
    const waitingLinks = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link')
    const order = (page: Page) =>
      page.getByRole('tabpanel', { name: 'In attesa' }).locator('.pseudonym').allTextContents()
    await waitingLinks.nth(2).waitFor()
    // the word-list hit is first, its level in words; the others wait as they came
    assert.deepEqual(await order(desk), [words, plain, minor])
    await waitingLinks.filter({ hasText: words }).getByText('Rischio: medio').waitFor()
    assert.equal(await waitingLinks.filter({ hasText: plain }).locator('.risk-badge').count(), 0)

    // Sara takes the minor's conversation and flags it: it rises above the word-list hit
    await waitingLinks.filter({ hasText: minor }).click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByRole('button', { name: 'Segnala rischio' }).click()
    const dialog = desk.getByRole('dialog', { name: `Segnalazione di tutela per ${minor}` })
    await dialog.getByRole('radio', { name: 'Rischio imminente' }).check()
    await dialog.getByLabel('Perché').fill('Dice di avere 13 anni e di voler scappare stanotte')
    await dialog.getByRole('button', { name: 'Avvisa la supervisione' }).click()
    const header = desk.locator('.conversation-header')
    await header.getByText('Rischio: imminente').waitFor()
    const mine = desk.getByRole('tabpanel', { name: 'Le mie' })
    await desk.getByRole('tab', { name: 'Le mie' }).click()
    await mine.getByRole('link', { name: new RegExp(`${minor}.*Rischio: imminente`) }).waitFor()
    await screenshot(desk, 'console-risk-mine-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    // the queue: the word-list hit first, then the others as they came
    await desk.getByRole('tab', { name: 'In attesa' }).click()
    await waitingLinks.nth(1).waitFor()
    assert.deepEqual(await order(desk), [words, plain])
    await screenshot(desk, 'console-risk-queue-1280')
    await desk.setViewportSize({ width: 390, height: 844 })
    await desk.getByRole('link', { name: 'Torna alla coda' }).click()
    await screenshot(desk, 'console-risk-queue-390')
    await desk.setViewportSize({ width: 1280, height: 800 })

    // the room: the imminent one first, then the medium one, each with its last message time
    await desk.getByRole('link', { name: 'Sala di supervisione' }).click()
    await desk.getByRole('heading', { name: 'Sala di supervisione' }).waitFor()
    const table = desk.getByRole('table').first()
    await table.getByText('Rischio: imminente').waitFor()
    assert.deepEqual((await table.locator('tbody th a').allTextContents()).slice(0, 2), [minor, words])
    await table
      .getByRole('row', { name: new RegExp(minor) })
      .getByText('Rischio: imminente')
      .waitFor()
    await table.getByRole('columnheader', { name: 'Ultimo messaggio' }).waitFor()
    await screenshot(desk, 'console-risk-room-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    // on a phone: each conversation a card, its risk in sight, nothing wider than the screen
    await desk.setViewportSize({ width: 390, height: 844 })
    const badge = table.getByRole('row', { name: new RegExp(minor) }).getByText('Rischio: imminente')
    const box = await badge.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `badge at ${JSON.stringify(box)}`)
    const overflow = await desk.evaluate(() =>
      [...document.querySelectorAll('.room-page section')].map((s) => s.scrollWidth - s.clientWidth),
    )
    assert.equal(overflow[0], 0, 'the conversations scroll sideways')
    assert.equal(await desk.evaluate(() => document.documentElement.scrollWidth), 390)
    await screenshot(desk, 'console-risk-room-390')
    assert.deepEqual(await wcagViolations(desk), [])
  })
})
