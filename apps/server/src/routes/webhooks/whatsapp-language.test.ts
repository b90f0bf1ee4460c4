// The person's language, for real through signed WhatsApp webhooks: a message in Romanian to the
// anti-trafficking line (its settings file from docs/settings) gets the line's Romanian welcome,
// an Italian one the Italian welcome, and one in a language the line has no text for (German) the
// line's main language. The conversation carries the language the queue shows.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings } from '@ascolto/core'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import { makeHelpline, startTestServer, type TestServer } from '../../testing/test-server.ts'

const settingsFile = path.resolve(
  import.meta.dirname,
  '../../../../../docs/settings/anti-trafficking-line.json',
)

describe('WhatsApp: replies in the language the person writes', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let channel: Awaited<ReturnType<typeof connectFakeWhatsApp>>
  let welcome: Record<string, string>

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    const { helplineId } = await makeHelpline(server.pool)
    const { $schema: _schema, ...settings } = JSON.parse(await readFile(settingsFile, 'utf8'))
    welcome = settings.autoReplies.welcome
    await importHelplineSettings(server.pool, helplineId, settings)
    channel = await connectFakeWhatsApp(server, fake, { helplineId })
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  const writeFrom = async (text: string) => {
    const phone = `39351${randomBytes(3).readUIntBE(0, 3).toString().padStart(7, '0')}`
    const written = await postWhatsAppWebhook(
      channel.webhookUrl,
      channel.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone }, text)] }),
    )
    assert.equal(written.status, 200)
    await eventually('the welcome reaches WhatsApp', () => fake.sent.some((sent) => sent.to === phone))
    return phone
  }
  const welcomeTo = (phone: string) =>
    fake.sent.find((sent) => sent.to === phone)?.text.replace(/https?:\/\/\S+/u, '{policyUrl}')
  const languagesOf = async () =>
    (
      await server.pool.query<{ language: string | null; language_source: string | null }>(
        'select language, language_source from conversation where channel_id = $1 order by opened_at',
        [channel.channelId],
      )
    ).rows

  it('welcomes in Romanian, Italian, and in the main language where the line has no text', async () => {
    const romanian = await writeFrom('Bună ziua, am nevoie de ajutor. Mi-au luat pașaportul.')
    assert.equal(welcomeTo(romanian), welcome.ro)
    const italian = await writeFrom('Buongiorno, ho bisogno di aiuto per una mia amica')
    assert.equal(welcomeTo(italian), welcome.it)
    const german = await writeFrom('Guten Tag, ich brauche Hilfe für meine Schwester')
    assert.equal(welcomeTo(german), welcome.it)
    assert.deepEqual(await languagesOf(), [
      { language: 'ro', language_source: 'detected' },
      { language: 'it', language_source: 'detected' },
      { language: 'de', language_source: 'detected' },
    ])
  })
})
