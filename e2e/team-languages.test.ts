// The languages of the team in Chromium: a volunteer gives hers in «Il mio account» (the names in
// the console's language), and the supervision room says which languages the available members
// cover now.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

describe('the languages of the team, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  it('are given in the account and seen in the supervision room', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const ioana = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Ioana')
    const sara = await makeOperator(server, [{ helplineId, role: 'supervisor' }], 'Sara')

    const desk = await openDesk(browser, server.url, ioana.email, contexts)
    await desk.getByRole('link', { name: 'Ioana' }).click()
    const languages = desk.getByRole('region', { name: 'Le mie lingue' })
    await languages.getByLabel('Lingua (codice di due o tre lettere)').fill('ro')
    await languages.getByLabel('Livello').selectOption('native')
    await languages.getByRole('button', { name: 'Aggiungi la lingua' }).click()
    await languages.getByRole('listitem').filter({ hasText: 'rumeno · madrelingua' }).waitFor()
    await languages.getByLabel('Lingua (codice di due o tre lettere)').fill('ti')
    await languages.getByLabel('Livello').selectOption('fluent')
    await languages.getByRole('button', { name: 'Aggiungi la lingua' }).click()
    await languages.getByRole('listitem').filter({ hasText: 'tigrino · bene' }).waitFor()
    await screenshot(desk, 'console-account-languages-1280')
    assert.deepEqual(await wcagViolations(desk), [])

    const room = await openDesk(browser, server.url, sara.email, contexts)
    await room.goto(`${server.url}/#/room/${helplineId}`)
    const covered = room.getByRole('region', { name: 'Lingue coperte ora' })
    await covered.getByText('rumeno: 1 persona · tigrino: 1 persona').waitFor()
    await covered.scrollIntoViewIfNeeded()
    await screenshot(room, 'console-room-languages-1280')
  })
})
