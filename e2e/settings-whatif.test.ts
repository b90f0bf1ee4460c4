// A coordinator tries settings before saving them, in Chromium: Monday's hours copied to every
// day with one click, the preview showing what the unsaved form would do on a Friday afternoon
// (and saying it is a trial), nothing saved until she saves; then the preview of the saved rules.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk } from './desk-fixtures.ts'

const settingsFile = path.resolve(import.meta.dirname, '..', 'docs', 'settings', 'social-services-desk.json')

describe('settings a coordinator can try before saving, in Chromium', () => {
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

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`copies a day's hours to every day and previews the unsaved form, at ${width} px`, async () => {
      const line = await makeHelpline(server.pool)
      const coordinator = await makeOperator(
        server,
        [{ helplineId: line.helplineId, role: 'coordinator' }],
        'Chiara',
      )
      const { $schema: _schema, ...file } = JSON.parse(await readFile(settingsFile, 'utf8'))
      const settingsUrl = `${server.url}/api/helplines/${line.helplineId}/settings`
      assert.equal(
        (await call(settingsUrl, { method: 'PUT', cookie: coordinator.cookie, body: file })).status,
        200,
      )

      const page = await openDesk(browser, server.url, coordinator.email, contexts, { width, height })
      await page.goto(`${server.url}/#/settings/${line.helplineId}`)
      await page.getByRole('heading', { name: 'Impostazioni della linea' }).waitFor()

      // Monday's two ranges, copied to every day
      const friday = page.getByRole('group', { name: 'Venerdì' })
      // the heading comes before the loaded form: wait for the day's field itself
      await friday.getByLabel('Dalle', { exact: true }).first().waitFor()
      assert.equal(await friday.getByLabel('Dalle', { exact: true }).count(), 1)
      await page.getByRole('button', { name: 'Copia su tutti i giorni (gli orari di Lunedì)' }).click()
      for (const day of ['Martedì', 'Venerdì', 'Domenica']) {
        const group = page.getByRole('group', { name: day })
        assert.deepEqual(
          await group
            .getByLabel('Dalle', { exact: true })
            .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
          ['09:00', '15:30'],
          day,
        )
        assert.deepEqual(
          await group
            .getByLabel('Alle', { exact: true })
            .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
          ['12:30', '17:30'],
          day,
        )
      }

      // the preview of Friday at 16:00 tries the form as it stands, and says so
      const preview = page.getByRole('region', { name: 'Anteprima' })
      await preview.getByText('Il modulo ha modifiche non salvate').waitFor()
      await preview.getByLabel('Data e ora').fill('2026-11-27T16:00')
      await preview.getByRole('button', { name: 'Mostra anteprima' }).click()
      const state = preview.getByRole('status')
      await state.filter({ hasText: 'venerdì 27 novembre' }).waitFor()
      assert.match((await state.textContent()) ?? '', /^Aperta · .* · fino a .*17:30/)
      await preview.getByText('Prova con le modifiche non salvate').waitFor()
      await preview.scrollIntoViewIfNeeded()
      await screenshot(page, `console-settings-what-if-${width}`)
      // nothing saved: Friday is still one morning
      const saved = await call(settingsUrl, { cookie: coordinator.cookie })
      assert.deepEqual(saved.body.opening.weekly.fri, [{ start: '09:00', end: '12:30' }])

      // saved, the preview reads the saved rules again, and says that
      await page.getByRole('button', { name: 'Salva', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
      await preview.getByText("L'anteprima usa le impostazioni salvate.").waitFor()
      await preview.getByRole('button', { name: 'Mostra anteprima' }).click()
      await preview.getByText('Con le impostazioni salvate.').waitFor()
      assert.match((await state.textContent()) ?? '', /^Aperta · /)
      const after = await call(settingsUrl, { cookie: coordinator.cookie })
      assert.deepEqual(after.body.opening.weekly.fri, [
        { start: '09:00', end: '12:30' },
        { start: '15:30', end: '17:30' },
      ])
    })
  }
})
