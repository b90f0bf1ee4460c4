// A WhatsApp conversation in the console, in Chromium: the person's voice note plays (fetched by
// the worker from the fake Cloud API, stored sealed, served to the volunteer), the reply window is
// shown, and past it a reply is held, the approved template goes instead, and the held reply
// leaves when the person answers; a picture the volunteer attaches reaches Meta with its caption.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import {
  type FakeWhatsApp,
  newWamid,
  startFakeWhatsApp,
  whatsappText,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import { setSurvey } from '../apps/server/src/testing/survey-settings.ts'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { openWhatsAppConversation } from '../apps/server/src/testing/whatsapp-conversation.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { eventually } from './widget-helpers.ts'

const TEMPLATE = {
  name: 'risposta_in_attesa',
  language: 'it',
  text: 'Hai una risposta da noi: rispondi a questo messaggio per leggerla.',
}

describe('a WhatsApp conversation in the console, in Chromium', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let browser: Browser
  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await fake?.close()
    await server?.close()
  })

  /** The volunteer's console, signed in, on the conversation. */
  async function signInTo(chat: { conversationId: string; volunteer: { email: string } }) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
    const desk = await context.newPage()
    await desk.goto(`${server.url}/#/conversations/${chat.conversationId}`)
    await desk.getByLabel('E-mail').fill(chat.volunteer.email)
    await desk.getByLabel('Password').fill(TEST_PASSWORD)
    await desk.getByRole('button', { name: 'Accedi' }).click()
    return { context, desk }
  }

  it('plays the voice note, shows the window, holds a late reply and sends it when the person answers', async () => {
    const phone = '393490000001'
    const chat = await openWhatsAppConversation(server, fake, { phone }, { template: TEMPLATE })
    const voice = await readFile(
      path.join(import.meta.dirname, '../apps/server/src/testing/files/voice-note.ogg'),
    )
    const mediaId = fake.addMedia(voice, 'audio/ogg; codecs=opus')
    await chat.write({
      from: phone,
      id: newWamid(),
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'audio',
      audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
    })

    const { context, desk } = await signInTo(chat)

    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await desk.getByText(/WhatsApp: le risposte partono subito fino alle/).waitFor()
    const note = messages.getByLabel('Messaggio vocale')
    await note.waitFor({ timeout: 15_000 })
    // the browser reads the stored file for real: a voice note of a couple of seconds
    const seconds = await note.evaluate(
      (element) =>
        new Promise<number>((resolve, reject) => {
          const audio = element as HTMLAudioElement
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true })
          audio.addEventListener('error', () => reject(new Error('the voice note did not load')), {
            once: true,
          })
          audio.preload = 'metadata'
          audio.load()
        }),
    )
    assert.ok(seconds > 1 && seconds < 10, `the voice note lasts ${seconds} s`)
    await screenshot(desk, 'console-whatsapp-voice-1280')

    // Monday at 18:00, and the person last wrote on Friday night
    await server.pool.query(
      `update contact_identity set last_inbound_at = now() - interval '68 hours' where channel_id = $1`,
      [chat.channelId],
    )
    await desk.reload()
    await desk.getByText(/sono passate 24 ore dall’ultimo messaggio della persona/).waitFor()
    await desk.getByLabel('Risposta').fill('Scusa se ti rispondo solo ora: ho ascoltato il tuo messaggio.')
    await desk.getByRole('button', { name: 'Invia' }).click()
    await messages.getByText('trattenuto: parte quando la persona risponde').waitFor({ timeout: 15_000 })
    await messages.getByText(TEMPLATE.text).waitFor()
    await screenshot(desk, 'console-whatsapp-held-1280')
    assert.deepEqual(
      fake.sent.map((m) => m.template?.name ?? m.text),
      [TEMPLATE.name],
    )

    // the person answers the template: the held reply leaves at once
    await chat.write(whatsappText({ phone }, 'Eccomi, ti leggo'))
    await messages.getByText('Eccomi, ti leggo').waitFor()
    await messages
      .getByText('trattenuto: parte quando la persona risponde')
      .waitFor({ state: 'detached', timeout: 15_000 })
    // released means queued again: the worker then hands it to Meta
    assert.deepEqual(
      (await fake.waitForSent(2)).map((m) => m.template?.name ?? m.text),
      [TEMPLATE.name, 'Scusa se ti rispondo solo ora: ho ascoltato il tuo messaggio.'],
    )

    // a picture attached, with the words in the box as its caption
    const picture = await desk.screenshot({ clip: { x: 0, y: 0, width: 120, height: 60 } })
    await desk.getByLabel('Risposta').fill('Ecco dove siamo')
    await desk
      .locator('input[type=file]')
      .setInputFiles({ name: 'mappa.png', mimeType: 'image/png', buffer: picture })
    const shown = messages.getByRole('img', { name: 'Immagine' })
    await shown.waitFor({ timeout: 15_000 })
    assert.ok(
      await shown.evaluate((img) =>
        (img as HTMLImageElement).decode().then(() => (img as HTMLImageElement).naturalWidth),
      ),
    )
    await messages.getByText('Ecco dove siamo').waitFor()
    const sentPicture = await fake.waitForSent(3)
    assert.equal(sentPicture[2]?.media?.type, 'image')
    assert.equal(sentPicture[2]?.text, 'Ecco dove siamo')
    assert.deepEqual(sentPicture[2]?.media?.bytes, picture)
    assert.equal(await desk.getByLabel('Risposta').inputValue(), '')

    await desk.setViewportSize({ width: 390, height: 844 })
    await screenshot(desk, 'console-whatsapp-390')
    await context.close()
  })

  it('asks the person whether they want the survey, and only after their yes does the close send it', async () => {
    const phone = '393490000002'
    const chat = await openWhatsAppConversation(server, fake, { phone })
    await setSurvey(server.pool, chat.helplineId, ['whatsapp'])
    const { context, desk } = await signInTo(chat)

    await desk.getByRole('button', { name: 'Chiedi se vuole il sondaggio' }).click()
    await desk.getByRole('status').filter({ hasText: 'Domanda inviata' }).waitFor()
    const messages = desk.getByRole('region', { name: 'Messaggi' })
    await messages.getByText(/^Quando chiuderemo questa conversazione/).waitFor()
    await screenshot(desk, 'desk-survey-consent-1280')
    const sentTo = () => fake.sent.filter((sent) => sent.to === phone).map((sent) => sent.text)
    await eventually('the question reaches WhatsApp', () => sentTo().length === 1)
    assert.match(sentTo()[0] ?? '', /Rispondi SÌ se sei d’accordo/)

    await chat.write(whatsappText({ phone }, 'Sì'))
    await messages.getByText('Sì', { exact: true }).waitFor()
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    await eventually('the survey’s question follows the close', () => sentTo().length === 2)
    assert.match(sentTo()[1] ?? '', /^Ti è stato utile parlare con noi\?/)
    await context.close()
  })
})
