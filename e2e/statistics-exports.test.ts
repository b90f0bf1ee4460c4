// The statistics screen in Chromium: a coordinator picks a cross-table (door × who got in touch),
// sees the small cells as '<5' and the cells that would give them away as '*', changes the period,
// downloads the XLSX and the test opens it back (exceljs) to find the same suppressed figures.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

describe('statistics and their exports, in Chromium', () => {
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

  it('shows a cross-table suppressed, follows the period, and downloads the same as XLSX', async () => {
    const line = await makeHelpline(server.pool)
    const carla = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    // a March: 20 people wrote in the web chat, 9 relatives and one service called the office
    const facts = [
      ...Array.from({ length: 20 }, () => [line.channelId, 'webchat', 'person']),
      ...Array.from({ length: 9 }, () => [null, 'logged', 'relative']),
      [null, 'logged', 'service'],
    ]
    for (const [channelId, kind, caller] of facts) {
      await server.pool.query(
        `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                        inbound_count, outbound_count, caller)
         values (gen_random_uuid(), $1, $2, $3, '2024-03-12', '2024-03-12', 1, 1, $4)`,
        [line.helplineId, channelId, kind, caller],
      )
    }

    const page = await openDesk(browser, server.url, carla.email, contexts)
    await page.getByRole('link', { name: 'Statistiche' }).click()
    await page.getByLabel('Dal', { exact: true }).fill('2024-03-01')
    await page.getByLabel('Al', { exact: true }).fill('2024-03-31')
    await page.getByRole('button', { name: 'Mostra' }).click()
    const cross = page.getByRole('region', { name: 'Tabelle incrociate' })
    await cross.getByLabel('Colonne').selectOption({ label: 'Chi ha contattato' })
    await cross.getByRole('columnheader', { name: 'Un familiare' }).waitFor()
    // the one service is '<5'; the 9 relatives beside it on the same door would give it away: '*'
    const logged = cross.getByRole('row').filter({ hasText: '<5' }).first()
    assert.deepEqual(await logged.getByRole('cell').allTextContents(), ['0', '*', '<5', '10', '0'])
    assert.deepEqual(await wcagViolations(page), [])
    await cross.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-cross-1280')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      cross.getByRole('link', { name: 'Scarica XLSX' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^statistiche-door-caller-2024-03-01-2024-03-31\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const rows = workbook.worksheets[0]
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1))
    assert.deepEqual(rows?.at(-1), ['Totale', 20, '*', '<5', 30])
    assert.ok(rows?.some((row) => JSON.stringify(row) === JSON.stringify(['logged', 0, '*', '<5', 10])))

    // the period report of the quarter that holds the first day shown, made by the server
    await page.getByLabel('Rapporto del periodo (PDF) per').selectOption({ label: 'il trimestre' })
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Scarica il rapporto' }).click(),
    ])
    assert.equal(report.suggestedFilename(), 'rapporto-2024-T1.pdf')
    assert.equal((await readFile(await report.path())).subarray(0, 5).toString(), '%PDF-')
    await page.getByRole('link', { name: 'Scarica il rapporto' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-report-1280')

    await page.setViewportSize({ width: 390, height: 844 })
    await cross.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-cross-390')
  })
})
