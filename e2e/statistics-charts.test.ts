// The statistics charts in Chromium: a coordinator reads a March of a line open Monday to Saturday,
// 9 to 18 — the heatmap over the opening hours, trends, mixes, waits — each a figure with its
// words and its table; three people who wrote in Ukrainian on a Sunday night stay '<5' (and the
// smallest count beside them '*') in the chart, the table and the XLSX downloaded and opened back;
// a filter narrows the charts, the period before is laid beside, and the figures per operator
// are listed by name once turned on.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext } from 'playwright-core'
import { closeOnSundays } from '../apps/server/src/testing/closed-on-sundays.ts'
import {
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, wcagViolations } from './desk-fixtures.ts'

describe('the statistics charts, in Chromium', () => {
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

  it('draws the period, keeps small cells out of charts and files, filters and compares', async () => {
    const line = await makeHelpline(server.pool)
    await closeOnSundays(server.pool, line.helplineId)
    await server.pool.query(
      `update helpline set settings = settings || '{"statistics": {"perOperator": true}}' where id = $1`,
      [line.helplineId],
    )
    const carla = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    const zeno = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Zeno')
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    // a busy March in opening hours, mostly in Italian, some in English; ten in February before it
    await server.pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                      inbound_count, outbound_count, opened_hour, language, first_response_seconds,
                                      duration_seconds, due_kept, handled_by, queue_seconds)
       select gen_random_uuid(), $1::uuid, $2::uuid, 'webchat', d::date, d::date, 1, 1, h,
              case when (h + i) % 6 = 0 then 'en' else 'it' end,
              30 + (h * 97 + i * 31) % 1500, 600 + (h * 53 + i * 17) % 3000, (h + i) % 5 <> 0,
              case when i = 1 then $3::uuid else $4::uuid end, 5 + (h * 97 + i * 61 + extract(day from d)::int * 13) % 1500
         from generate_series('2024-03-01'::date, '2024-03-31'::date, '1 day') d,
              generate_series(9, 19) h, generate_series(1, 2) i
        where extract(isodow from d) < 7 and (h * 7 + extract(day from d)::int + i) % 3 <> 0
       union all
       select gen_random_uuid(), $1::uuid, $2::uuid, 'webchat', '2024-02-14', '2024-02-14', 1, 1, 11, 'it', 60, 900, true, $3::uuid, 30
         from generate_series(1, 10)`,
      [line.helplineId, line.channelId, zeno.userId, anna.userId],
    )
    // three people on a Sunday night, closed, in Ukrainian: fewer than five
    await server.pool.query(
      `insert into conversation_fact (conversation_id, helpline_id, channel_id, channel_kind, opened_on, closed_on,
                                      inbound_count, outbound_count, opened_hour, language, flags)
       select gen_random_uuid(), $1, $2, 'webchat', '2024-03-17', '2024-03-17', 1, 0, 23, 'uk', '{minor_at_risk}'
         from generate_series(1, 3)`,
      [line.helplineId, line.channelId],
    )

    const page = await openDesk(browser, server.url, carla.email, contexts)
    await page.getByRole('link', { name: 'Statistiche' }).click()
    await page.getByLabel('Dal', { exact: true }).fill('2024-03-01')
    await page.getByLabel('Al', { exact: true }).fill('2024-03-31')
    await page.getByRole('button', { name: 'Mostra' }).click()
    const charts = page.getByRole('region', { name: 'Grafici' })
    const hours = charts.getByRole('figure', { name: /Contatti per giorno e ora/ })
    await hours.getByText(/L'ora più piena/).waitFor()
    // the Sunday night outside the opening hours is said in words, and written '<5' on the picture
    assert.match((await hours.getByText(/fuori dagli orari/).textContent()) ?? '', /fuori dagli orari/)
    assert.ok((await hours.locator('.chart-plot').textContent())?.includes('<5'))

    const languages = charts.getByRole('figure', { name: 'In quale lingua' })
    await languages.getByText('Tabella').click()
    const ukrainian = languages.getByRole('row', { name: /ucraino/ })
    assert.deepEqual(await ukrainian.getByRole('cell').allTextContents(), ['<5'])
    // English is the smallest count beside it: withheld too, so the total cannot give the 3 back
    assert.deepEqual(
      await languages
        .getByRole('row', { name: /inglese/ })
        .getByRole('cell')
        .allTextContents(),
      ['*'],
    )
    const drawn = (await languages.locator('.chart-plot').textContent()) ?? ''
    assert.ok(drawn.includes('<5') && !/ucraino3|\b3\b/.test(drawn), drawn)
    assert.deepEqual(await wcagViolations(page), [])
    await hours.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-charts-1280')

    // the table as a file: the same cells, opened back
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      languages.getByRole('link', { name: 'Scarica XLSX: In quale lingua' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'statistiche-languages-2024-03-01-2024-03-31.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const rows = workbook.worksheets[0]
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1))
    assert.deepEqual(
      rows?.find((row) => row[0] === 'uk'),
      ['uk', '<5', 0],
    )
    assert.deepEqual(rows?.find((row) => row[0] === 'en')?.[1], '*')
    assert.equal(rows?.find((row) => row[0] === 'it')?.[2], 10)

    // the period before, beside
    await charts.getByLabel(/Confronta con il periodo precedente/).check()
    await languages.getByRole('columnheader', { name: 'Periodo precedente' }).waitFor()
    const italian = await languages
      .getByRole('row', { name: /italiano/ })
      .getByRole('cell')
      .allTextContents()
    assert.match(italian[0] ?? '', /^\d{3}$/)
    assert.equal(italian[1], '10')

    // a filter narrows every chart: the Ukrainian three alone are all withheld
    await charts.getByLabel('Lingua', { exact: true }).selectOption({ label: 'ucraino' })
    await hours.getByText(/meno di 5 per voce/).waitFor()
    const weeks = charts.getByRole('figure', { name: 'Conversazioni chiuse per settimana' })
    await weeks.getByText('Tabella').click()
    assert.deepEqual(
      await weeks
        .getByRole('row', { name: /11 mar/ })
        .getByRole('cell')
        .allTextContents(),
      ['<5', '0'],
    )
    await charts.getByLabel('Lingua', { exact: true }).selectOption({ label: 'Tutti' })
    await hours.getByText(/L'ora più piena/).waitFor()

    // per operator: by name, Anna before Zeno
    const operators = page.getByRole('region', { name: 'Per chi risponde' })
    const names = await operators.getByRole('rowheader').allTextContents()
    assert.deepEqual(names, ['Anna', 'Zeno'])
    // the time in queue beside the first reply: its table counts the month's conversations
    const queue = charts.getByRole('figure', {
      name: 'Tempo in coda prima che una persona della linea prenda la conversazione',
    })
    await queue.scrollIntoViewIfNeeded()
    await queue.getByText('Tabella').click()
    const { rows: queued } = await server.pool.query<{ n: number }>(
      `select count(*)::int as n from conversation_fact
        where helpline_id = $1 and closed_on between '2024-03-01' and '2024-03-31' and queue_seconds < 60`,
      [line.helplineId],
    )
    const underAMinute = await queue.getByRole('row').nth(1).getByRole('cell').allTextContents()
    assert.equal(underAMinute[0], String(queued[0]?.n), 'under a minute in queue, as the facts have it')
    await screenshot(page, 'console-statistics-waits-1280')
    await operators.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-operators-1280')

    await page.setViewportSize({ width: 390, height: 844 })
    await hours.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-charts-390')
    await languages.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-statistics-languages-390')
  })
})
