// Markup never runs, in the console or the widget: a set of payloads (script tags, <img onerror>,
// <svg onload>, SVG with a script, javascript: and data: links written out and in markdown, HTML
// entities, an attribute break-out after an address, template syntax, a right-to-left override
// that would turn a file name around) is typed by a person in the widget's chat page, and by staff
// where staff type: the reply box, a note, a canned reply's title and text, the helpline's
// categories, a case's title and a display name. Both sides render them in Chromium. The test
// fails if any payload runs (each calls `pwned()`, a binding the page exposes, or `alert()`, a
// dialog), if the page holds an element a payload could have made (an on* attribute, a
// javascript: or data: address, a script, an iframe), or if a message shows an override.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DESK_SETTINGS, setDeskSettings } from '../apps/server/src/testing/desk-settings.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  connectLocalMailbox,
  type Dovecot,
  type LocalSmtp,
  startDovecot,
  startLocalSmtp,
} from '../apps/server/src/testing/local-mail.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  relaxVolunteerSecondFactor,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { makePerson, signIn } from './accounts.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { FILE_NAMES, mailWithAttachments, whatsappDocuments } from './file-name-payloads.ts'
import { eventually } from './widget-helpers.ts'

/** What a person types. */
const PERSON = [
  '<script>pwned("script")</script>',
  '<img src=x onerror=pwned("img")>',
  '<svg onload=pwned("svg-onload")>',
  '<svg><script>pwned("svg-script")</script></svg>',
  'javascript:pwned("js-link")',
  '[premi qui](javascript:pwned("markdown"))',
  '[foto](data:text/html;base64,PHNjcmlwdD5wd25lZCgiZGF0YSIpPC9zY3JpcHQ+)',
  '<a href="javascript:alert(1)">apri</a>',
  '&lt;img src=x onerror=pwned("entity")&gt; &#60;script&#62;alert(2)&#60;/script&#62;',
  'https://example.org/"onmouseover="pwned(\'attribute\')"x="',
  '<iframe src="javascript:pwned(\'iframe\')"></iframe>',
  '{{constructor.constructor("pwned(\'template\')")()}}',
  'fattura\u202Efdp.exe <b>grassetto</b>',
]
/** A payload as a message shows it: without the overrides that would turn it around as read. */
const shown = (payload: string) => payload.replace(/[\u202D\u202E]/g, '')
/** What staff type: the same set, marked as theirs. */
const STAFF = PERSON.map((payload) => `${payload} ·`)
const NAME = '<img src=x onerror=pwned("name")>Giulia\u202E'
const MARKUP_LABEL = '<svg onload=alert("label")>Solitudine\u202Eata'
/** What staff write that others read (names, titles, labels) is shown without overrides too. */
/** The helpline's own name, which the widget shows as its title and the author of its replies. */
const LINE_NAME = 'Linea\u202Eaenil di ascolto'
const MAILBOX = 'ascolto@helpline.example.org'
const CANNED_TITLE = `${STAFF[2]} saluto\u202Eoiggas`
const CASE_TITLE = `${STAFF[1]} pratica\u202Dfdp.exe`

/** The overrides left in a page's text; '' when every one was dropped. */
const overridesIn = (page: Page) =>
  page.evaluate(() => ((document.body.textContent ?? '').match(/[\u202D\u202E]/g) ?? []).join(''))

/** Every element a payload could have made; [] on a page that rendered them all as text. */
function dangerousElements(page: Page) {
  return page.evaluate(() => {
    const found: string[] = []
    for (const element of document.querySelectorAll('*')) {
      if (['IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName)) found.push(element.tagName)
      // the page's own scripts load from files; a payload's carries its call
      if (element.tagName.toLowerCase() === 'script' && /pwned|alert/.test(element.textContent ?? ''))
        found.push('a payload’s script')
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`)
        if (/^\s*(javascript|data|vbscript):/i.test(attribute.value))
          found.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 40)}`)
      }
    }
    for (const link of document.querySelectorAll('a[href]')) {
      const href = (link as HTMLAnchorElement).href
      if (!/^(https?:|mailto:|tel:)/.test(href) && !href.startsWith(location.origin))
        found.push(`link to ${href.slice(0, 40)}`)
    }
    return found
  })
}

describe('markup in every place people and staff type, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let fake: FakeWhatsApp
  let dovecot: Dovecot
  let smtp: LocalSmtp
  const contexts: BrowserContext[] = []
  /** Each payload that ran, by the binding or a dialog. */
  const ran: string[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    ;[fake, dovecot, smtp] = await Promise.all([
      startFakeWhatsApp(),
      startDovecot({ [MAILBOX]: 'segreta' }),
      startLocalSmtp(),
    ])
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await Promise.all([fake?.close(), dovecot?.close(), smtp?.close()])
    await server?.close()
  })

  async function open(width = 1280, height = 800) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'it-IT' })
    contexts.push(context)
    await context.exposeBinding('pwned', (_source, what: string) => {
      ran.push(`pwned(${what})`)
    })
    const page = await context.newPage()
    page.on('dialog', (dialog) => {
      ran.push(`dialog ${dialog.message()}`)
      dialog.dismiss().catch(() => {})
    })
    return page
  }

  it('shows every payload as text and runs none', async () => {
    const line = await makeHelpline(server.pool)
    await relaxVolunteerSecondFactor(server.pool, line.helplineId)
    await server.pool.query('update helpline set name = $2 where id = $1', [line.helplineId, LINE_NAME])
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    const [first, ...others] = DESK_SETTINGS.categories
    assert.ok(first)
    await setDeskSettings(server, line.helplineId, coordinator.cookie, {
      ...DESK_SETTINGS,
      categories: [{ ...first, label: { it: MARKUP_LABEL, en: MARKUP_LABEL } }, ...others],
    })
    const canned = await call(`${server.url}/api/helplines/${line.helplineId}/canned-replies`, {
      cookie: coordinator.cookie,
      body: { shortcut: 'marcato', title: CANNED_TITLE, text: STAFF[5] },
    })
    assert.equal(canned.status, 201, JSON.stringify(canned.body))
    const volunteer = await makePerson(server, line.helplineId, 'volunteer', NAME)

    // the person types every payload in the chat page
    const person = await open(390, 844)
    await person.goto(`${server.url}/chat/${line.channelId}`)
    const box = person.getByRole('textbox', { name: 'Scrivi un messaggio' })
    for (const payload of PERSON) {
      await box.fill(payload)
      await person.getByRole('button', { name: 'Invia' }).click()
      await person.getByRole('log').getByText(shown(payload), { exact: true }).waitFor()
    }

    // the volunteer reads them, answers with the staff set, notes, and opens the closing form
    const desk = await open()
    await signIn(desk, server.url, volunteer.email)
    const waiting = desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link', { name: /Persona #/ })
    await waiting.first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    for (const payload of PERSON) await messages.getByText(shown(payload), { exact: true }).waitFor()
    // the queue's preview of the last one (the file name) reads in the order it was written too
    await desk
      .locator('.preview')
      .getByText(shown(PERSON.at(-1) ?? ''))
      .waitFor()
    const previews = await desk.locator('.preview').allTextContents()
    assert.equal(previews.join('').match(/[\u202D\u202E]/), null)
    const reply = desk.getByLabel('Risposta', { exact: true })
    await reply.fill('/marc')
    await desk.getByRole('listbox', { name: 'Risposte pronte' }).getByText(shown(CANNED_TITLE)).waitFor()
    assert.deepEqual(await dangerousElements(desk), [], 'the canned replies offered')
    assert.equal(await overridesIn(desk), '', 'the canned replies offered')
    for (const payload of STAFF) {
      await reply.fill(payload)
      await reply.press('Enter')
      await messages.getByText(shown(payload), { exact: true }).waitFor()
    }
    await desk.getByRole('button', { name: 'Scrivi una nota privata' }).click()
    await desk.getByLabel('Nota privata').fill(STAFF[3] ?? '')
    await desk.getByRole('button', { name: 'Aggiungi nota' }).click()
    await messages
      .getByText(STAFF[3] ?? '', { exact: true })
      .nth(1)
      .waitFor()
    await desk.getByText(shown(NAME)).first().waitFor()
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const closing = desk.getByRole('dialog', { name: /Chiudere la conversazione/ })
    await closing.getByRole('checkbox', { name: shown(MARKUP_LABEL) }).waitFor()
    assert.deepEqual(await dangerousElements(desk), [], 'the desk')
    assert.equal(await overridesIn(desk), '', 'the desk: names, labels and messages')
    await screenshot(desk, 'console-markup-as-text-1280')
    await desk.keyboard.press('Escape')

    // the person's page shows the staff's words as text
    for (const payload of STAFF)
      await person.getByRole('log').getByText(shown(payload), { exact: true }).waitFor()
    assert.deepEqual(await dangerousElements(person), [], 'the chat page')
    await person.getByText(shown(LINE_NAME)).first().waitFor()
    assert.equal(await overridesIn(person), '', 'the chat page: the helpline’s name and the messages')
    await screenshot(person, 'widget-markup-as-text-390')

    // a case whose title is markup, in the case list and the case itself
    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where helpline_id = $1',
      [line.helplineId],
    )
    const session = await call(`${server.url}/api/session`, {
      body: { email: volunteer.email, password: TEST_PASSWORD },
    })
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const waitingIds = async () => {
      const queue = await call(
        `${server.url}/api/conversations?status=waiting&helplineId=${line.helplineId}`,
        {
          cookie,
        },
      )
      return (queue.body.conversations as Array<{ id: string }>).map((c) => c.id)
    }
    const opened = await call(`${server.url}/api/cases`, {
      cookie,
      body: { conversationId: rows[0]?.id, title: CASE_TITLE },
    })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    await desk.goto(`${server.url}/#/cases/${opened.body.id}`)
    await desk.getByText(shown(CASE_TITLE), { exact: true }).first().waitFor()
    assert.equal(await overridesIn(desk), '', 'the case')
    await screenshot(desk, 'console-case-markup-as-text-1280')
    assert.deepEqual(await dangerousElements(desk), [], 'the case')

    // a person sends documents on WhatsApp, as Meta posts them, and a mail with attachments, whose
    // file names are markup; each door's conversation shows them as written
    const whatsapp = await connectFakeWhatsApp(server, fake, { helplineId: line.helplineId })
    const posted = await postWhatsAppWebhook(
      whatsapp.webhookUrl,
      whatsapp.appSecret,
      whatsappPayload({ messages: whatsappDocuments(fake, '393471230099') }),
    )
    assert.equal(posted.status, 200)
    await connectLocalMailbox(
      server,
      { dovecot, smtp, address: MAILBOX, password: 'segreta' },
      { helplineId: line.helplineId, displayName: 'Linea', replySubject: 'Dalla linea' },
    )
    await dovecot.deliver(MAILBOX, mailWithAttachments('mario@example.org', MAILBOX))
    await eventually('both doors have written', async () => (await waitingIds()).length === 2)
    for (const id of await waitingIds()) {
      const taken = await call(`${server.url}/api/conversations/${id}/take`, { cookie, body: {} })
      assert.equal(taken.status, 200)
      await desk.goto(`${server.url}/#/conversations/${id}`)
      for (const name of FILE_NAMES) await messages.getByText(`📄 ${shown(name)}`, { exact: true }).waitFor()
      const downloads = messages.getByRole('link', { name: 'Scarica il file' })
      await eventually('the three files are stored', async () => (await downloads.count()) === 3)
      // the file is served under a fixed name: the person's never reaches a header
      const served = await desk.request.get(`${server.url}${await downloads.first().getAttribute('href')}`)
      assert.equal(served.status(), 200)
      assert.equal(served.headers()['content-disposition'], 'attachment; filename="file"')
      assert.deepEqual(await dangerousElements(desk), [], 'the file names')
      assert.equal(await overridesIn(desk), '', 'the file names')
    }
    await screenshot(desk, 'console-file-names-as-text-1280')

    // nothing ran anywhere; and the watch sees what does run: a payload put into a page as markup
    // calls the binding, and its element is named (a payload run earlier was recorded before this)
    assert.deepEqual(ran, [])
    const control = await open()
    await control.setContent('<p>controllo</p><img src=x onerror="pwned(\'control\')">')
    await eventually('the planted payload runs', () => ran.length > 0)
    assert.deepEqual(await dangerousElements(control), ['IMG onerror'])
    assert.deepEqual(ran, ['pwned(control)'])
  })
})
