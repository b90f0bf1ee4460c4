// The statistics screen in Chromium: a coordinator picks a cross-table (door × who got in touch),
// sees the small cells as '<5' and the cells that would give them away as '*', changes the period,
// downloads the XLSX and the test opens it back (exceljs) to find the same suppressed figures; the
// tables of the period (the calls…) and the figures per operator download the same way.
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

  it('downloads the calls and the figures per operator with the small cells withheld', async () => {
    const line = await makeHelpline(server.pool)
    await server.pool.query(
      `update helpline set settings = settings || '{"statistics": {"perOperator": true}}' where id = $1`,
      [line.helplineId],
    )
    const carla = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    const zeno = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Zeno')
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    // a March: Zeno closed 12 conversations, Anna 2; 12 calls answered, 2 left in the voicemail
    for (const handledBy of [...Array(12).fill(zeno.userId), anna.userId, anna.userId]) {
      await server.pool.query(
        `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                        inbound_count, outbound_count, handled_by, first_response_seconds)
         values (gen_random_uuid(), $1, $2, 'webchat', '2024-03-12', '2024-03-12', 1, 1, $3, 60)`,
        [line.helplineId, line.channelId, handledBy],
      )
    }
    for (const outcome of [...Array(12).fill('answered'), 'voicemail', 'voicemail']) {
      await server.pool.query(
        `insert into call_fact (call_id, helpline_id, channel_id, day, outcome, ring_seconds, talk_seconds)
         values (gen_random_uuid(), $1, $2, '2024-03-12', $3, 10, 300)`,
        [line.helplineId, line.channelId, outcome],
      )
    }

    const page = await openDesk(browser, server.url, carla.email, contexts)
    await page.getByRole('link', { name: 'Statistiche' }).click()
    await page.getByLabel('Dal', { exact: true }).fill('2024-03-01')
    await page.getByLabel('Al', { exact: true }).fill('2024-03-31')
    await page.getByRole('button', { name: 'Mostra' }).click()
    const calls = page.getByRole('region', { name: 'Chiamate' })
    await calls.getByRole('cell', { name: '<5' }).first().waitFor()

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      calls.getByRole('link', { name: 'Scarica XLSX: Chiamate' }).click(),
    ])
    assert.equal(xlsx.suggestedFilename(), 'statistiche-calls-2024-03-01-2024-03-31.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await xlsx.path())
    const rows = workbook.worksheets[0]
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1, 7))
    // the 2 in the voicemail are '<5', and the 12 answered beside them, which would give them back, '*'
    assert.deepEqual(rows?.slice(1), [
      ['Web chat', 14, '*', 0, '<5', 0],
      ['Tutti i canali', 14, '*', 0, '<5', 0],
    ])
    await calls.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-calls-export-1280')

    const operators = page.getByRole('region', { name: 'Per chi risponde' })
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      operators.getByRole('link', { name: 'Scarica CSV: Per chi risponde' }).click(),
    ])
    assert.equal(csv.suggestedFilename(), 'statistiche-operators-2024-03-01-2024-03-31.csv')
    // by name, never by count: Anna (fewer than five) before Zeno
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n')
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',').slice(0, 2)),
      [
        ['Anna', '<5'],
        ['Zeno', '12'],
      ],
    )
    const { rows: audited } = await server.pool.query(
      `select details->>'table' as table, details->>'format' as format from audit_event
        where helpline_id = $1 and action = 'statistics.exported' order by id`,
      [line.helplineId],
    )
    assert.deepEqual(audited, [
      { table: 'calls', format: 'xlsx' },
      { table: 'operators', format: 'csv' },
    ])
    assert.deepEqual(await wcagViolations(page), [])

    await page.setViewportSize({ width: 390, height: 844 })
    await calls.getByRole('link', { name: 'Scarica CSV: Chiamate' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-calls-export-390')
  })
})
