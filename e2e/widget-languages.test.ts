// The widget in the person's language, in Chromium: a French browser gets French words, fetched as
// one small file only once the chat is opened; switching to Romanian changes the words and the
// conversation's language in the database; Arabic mirrors the layout (the send button at the
// composer's left, the person's messages on the left). Screenshots in ar, ro and zh at 1280×800 and
// 390×844.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import type { Browser, Locator, Page } from 'playwright-core'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { collectPageErrors, eventually, type HostSite, startHostSite } from './widget-helpers.ts'

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]

// the welcome goes through the outbox and the socket: on a busy machine, longer than a click
const REPLY = { timeout: 120_000 }

describe('the widget in the person’s language', () => {
  let server: TestServer
  let browser: Browser
  let channelId: string
  let site: HostSite

  before(async () => {
    server = await startTestServer()
    const line = await makeHelpline(server.pool)
    channelId = line.channelId
    const base = defaultSettings('Linea di prova', 'Europe/Rome', 'it')
    await importHelplineSettings(server.pool, line.helplineId, {
      ...base,
      languages: ['it', 'en', 'fr', 'es', 'ro', 'sq', 'ar', 'uk', 'zh'],
      policy: { url: 'https://example.org/privacy', version: '2026-12' },
      autoReplies: {
        ...base.autoReplies,
        welcome: {
          it: 'Ciao, ti leggiamo. {policyUrl}',
          fr: 'Bonjour, nous vous lisons. {policyUrl}',
          ro: 'Bună, te citim. {policyUrl}',
          ar: 'مرحبًا، نحن نقرأ رسالتك. {policyUrl}',
          zh: '你好，我们在看你的消息。 {policyUrl}',
        },
      },
    })
    site = await startHostSite({ ascoltoUrl: server.url, channelId })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  /** A visitor whose browser speaks `locale`, with the language files the page fetched, in order. */
  const visit = async (locale: string, viewport = VIEWPORTS[0]) => {
    const context = await browser.newContext({ viewport, locale })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    const fetched: string[] = []
    /** The languages the widget told the server the person reads, in order. */
    const told: string[] = []
    page.on('request', (request) => {
      const file = /\/widget-assets\/lang-([a-z]{2})-/.exec(request.url())?.[1]
      if (file) fetched.push(file)
      if (request.method() === 'PUT' && request.url().endsWith('/language'))
        told.push(request.postDataJSON().language)
    })
    await page.goto(site.url)
    return { context, page, errors, fetched, told }
  }
  const conversationLanguage = async () =>
    (
      await server.pool.query<{ language: string | null; language_source: string | null }>(
        'select language, language_source from conversation where channel_id = $1 order by opened_at desc limit 1',
        [channelId],
      )
    ).rows[0]
  const write = async (page: Page, box: string, send: string, text: string) => {
    await page.getByRole('textbox', { name: box }).fill(text)
    await page.getByRole('button', { name: send, exact: true }).click()
    await page.getByRole('log').getByText(text).waitFor()
  }
  const centreOf = async (locator: Locator) => {
    const box = await locator.boundingBox()
    assert.ok(box)
    return box.x + box.width / 2
  }

  it('follows a French browser, fetching the French words only once the chat is opened', async () => {
    const { context, page, errors, fetched, told } = await visit('fr-FR')
    // the launcher's label is in the bundle: the page view fetches no language file
    const launcher = page.getByRole('button', { name: 'Ouvrir le chat' })
    await launcher.waitFor()
    fetched.push('opened')
    await launcher.click()
    await write(page, 'Écrivez un message', 'Envoyer', 'Bonjour, j’ai besoin de parler à quelqu’un')
    assert.deepEqual(fetched, ['opened', 'fr'], 'one file, French, after the chat was opened')
    await page.getByRole('log').getByText('Bonjour, nous vous lisons.', { exact: false }).waitFor(REPLY)
    await eventually('the conversation is in French', async () => {
      const row = await conversationLanguage()
      return row?.language === 'fr' && row.language_source === 'person'
    })

    // the switch in the header: the words and the conversation's language follow it
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('ro')
    await page.getByRole('textbox', { name: 'Scrie un mesaj' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Trimite', exact: true }).count(), 1)
    await eventually('the conversation is in Romanian', async () => {
      const row = await conversationLanguage()
      return row?.language === 'ro' && row.language_source === 'person'
    })
    assert.deepEqual(fetched, ['opened', 'fr', 'ro'])
    // only the choice: not the Italian shown while the Romanian words were on their way
    assert.deepEqual(told, ['ro'])
    assert.deepEqual(errors, [])
    await context.close()
  })

  for (const viewport of VIEWPORTS)
    it(`lays Arabic out right to left at ${viewport.width}×${viewport.height}`, async () => {
      const { context, page, errors } = await visit('ar', viewport)
      await page.getByRole('button', { name: 'افتح المحادثة' }).click()
      await write(page, 'اكتب رسالة', 'إرسال', 'مرحبا، أحتاج إلى مساعدة')
      const reply = page.getByRole('log').getByText('مرحبًا، نحن نقرأ رسالتك.', { exact: false })
      await reply.waitFor(REPLY)
      assert.equal(
        await page.locator('ascolto-widget').evaluate((host) => {
          const root = host.shadowRoot?.querySelector('.root')
          return root ? `${root.getAttribute('lang')} ${getComputedStyle(root).direction}` : ''
        }),
        'ar rtl',
      )
      // the composer: the send button at the left of the box
      const input = await page.getByRole('textbox', { name: 'اكتب رسالة' }).boundingBox()
      const send = await page.getByRole('button', { name: 'إرسال', exact: true }).boundingBox()
      assert.ok(input && send && send.x + send.width <= input.x + 1, 'send sits left of the text box')
      // the header: the title at the right, quick exit at its left
      assert.ok(
        (await centreOf(page.getByRole('heading', { name: 'Linea di prova' }))) >
          (await centreOf(page.getByRole('button', { name: 'الخروج من المحادثة فورًا' }))),
      )
      // the person's message on the left, the line's on the right
      const mine = page.getByRole('log').locator('.mine').first()
      const theirs = page.getByRole('log').locator('.theirs').first()
      assert.ok((await centreOf(mine)) < (await centreOf(theirs)), 'the person’s bubble at the left')
      await eventually('the conversation is in Arabic', async () => {
        const row = await conversationLanguage()
        return row?.language === 'ar'
      })
      await screenshot(page, `widget-ar-${viewport.width}`)
      assert.deepEqual(errors, [])
      await context.close()
    })

  for (const [locale, language, box, send, text] of [
    ['ro-RO', 'ro', 'Scrie un mesaj', 'Trimite', 'Bună ziua, am nevoie de ajutor'],
    ['zh-CN', 'zh', '输入消息', '发送', '你好，我需要帮助'],
  ] as const)
    for (const viewport of VIEWPORTS)
      it(`speaks ${language} at ${viewport.width}×${viewport.height}`, async () => {
        const { context, page, errors } = await visit(locale, viewport)
        await page.locator('ascolto-widget').getByRole('button').first().click()
        await write(page, box, send, text)
        await page.getByRole('log').getByRole('link').waitFor(REPLY)
        await screenshot(page, `widget-${language}-${viewport.width}`)
        assert.deepEqual(errors, [])
        await context.close()
      })
})
