// Joining the team, in Chromium: the authenticator app is set up from a QR code beside the key,
// and the recovery codes are shown whole with a button that copies them all.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { generate } from 'otplib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import qrcode from 'qrcode-generator'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { makePerson, signIn as signInAs } from './accounts.ts'
import { launchBrowser, screenshot } from './browser.ts'

describe('joining the team, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer({ ASCOLTO_SECOND_FACTOR: 'required' })
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  async function page(width = 1280, height = 800): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height },
      locale: 'it-IT',
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    contexts.push(context)
    return context.newPage()
  }
  const person = (role: 'volunteer' | 'supervisor' | 'coordinator', displayName: string) =>
    makePerson(server, line.helplineId, role, displayName)
  const signIn = (page: Page, email: string, password?: string) => signInAs(page, server.url, email, password)

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`sets up the app from a QR code and copies the recovery codes whole, at ${width} px`, async () => {
      const supervisor = await person('supervisor', 'Marta')
      const desk = await page(width, height)
      await signIn(desk, supervisor.email)
      await desk.getByRole('button', { name: "Configura l'app" }).click()
      const qr = desk.getByRole('img', { name: "Codice QR da inquadrare con l'app di autenticazione" })
      await qr.waitFor()
      // the QR carries the very otpauth link offered beside it: drawn again from that link by
      // the library, its dark modules are the same
      const uri = (await desk.getByRole('link', { name: /otpauth/ }).getAttribute('href')) ?? ''
      assert.match(uri, /^otpauth:\/\/totp\/.*secret=/)
      const expected = qrcode(0, 'M')
      expected.addData(uri)
      expected.make()
      const drawn = (await qr.locator('path').getAttribute('d')) ?? ''
      let dark = 0
      for (let row = 0; row < expected.getModuleCount(); row++)
        for (let col = 0; col < expected.getModuleCount(); col++)
          if (expected.isDark(row, col)) {
            dark++
            assert.ok(drawn.includes(`M${col} ${row}h`), `module ${col},${row} is dark`)
          }
      assert.equal(drawn.split('M').length - 1, dark)
      // the QR sits beside the key on a wide screen, above it on a phone, and fits either way
      const box = await qr.boundingBox()
      assert.ok(box && box.width >= 150 && box.x + box.width <= width)
      await screenshot(desk, `console-second-factor-qr-${width}`)

      const secret = ((await desk.locator('.totp-secret code').textContent()) ?? '').replace(/\s/g, '')
      assert.ok(uri.includes(`secret=${secret}`))
      await desk
        .getByLabel("Codice mostrato dall'app")
        .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }))
      await desk.getByRole('button', { name: 'Conferma' }).click()
      const list = desk.getByRole('list', { name: 'Codici di recupero' })
      await list.waitFor()
      const codes = (await list.getByRole('listitem').allTextContents()).map((code) => code.trim())
      assert.equal(codes.length, 10)
      // each code whole on one line, inside the list (no column spilling into the next)
      const listBox = await list.boundingBox()
      assert.ok(listBox)
      for (const item of await list.locator('code').all()) {
        assert.equal(await item.evaluate((element) => element.getClientRects().length), 1)
        const box = await item.boundingBox()
        assert.ok(box && box.x >= listBox.x && box.x + box.width <= listBox.x + listBox.width + 1)
      }
      await desk.getByRole('button', { name: 'Copia i codici' }).click()
      await desk.getByRole('status').filter({ hasText: 'Copiato.' }).waitFor()
      assert.equal(await desk.evaluate(() => navigator.clipboard.readText()), codes.join('\n'))
      await screenshot(desk, `console-recovery-codes-${width}`)
      await desk.getByRole('button', { name: 'Li ho salvati, continua' }).click()
      await desk.getByRole('tab', { name: 'In attesa' }).waitFor()
    })
  }
})
