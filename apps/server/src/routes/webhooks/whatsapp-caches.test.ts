// What an instance keeps between webhooks (the channel read with its opened secrets, the helpline's
// settings) never outlives a change saved by another instance: the next message is taken with the
// new rules and checked with the new secret, and a door disabled takes nothing more.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings, loadHelplineSettings, sealChannelSecrets } from '@ascolto/core'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../../testing/spawn-ascolto.ts'
import { makeHelpline, startTestServer, type TestServer } from '../../testing/test-server.ts'

const PHONE = '393331234567'

// two Ascolto processes start before the test: on a loaded machine that alone can take minutes
describe('WhatsApp webhook: what an instance keeps', { timeout: 900_000 }, () => {
  let server: TestServer
  let other: SpawnedAscolto
  let otherDir: string
  let fake: FakeWhatsApp
  before(async () => {
    // two instances on one database: changes are saved through this one, messages go to the other
    server = await startTestServer()
    otherDir = await mkdtemp(path.join(tmpdir(), 'ascolto-other-'))
    other = await spawnAscolto({
      DATABASE_URL: server.databaseUrl,
      ASCOLTO_MASTER_KEY: server.masterKey,
      ASCOLTO_DATA_DIR: otherDir,
      ASCOLTO_ROLE: 'web',
    })
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake?.close()
    if (other) await stopAscolto(other)
    if (otherDir) await rm(otherDir, { recursive: true, force: true })
    await server?.close()
  })

  async function door() {
    const { helplineId } = await makeHelpline(server.pool)
    const channel = await connectFakeWhatsApp(server, fake, { helplineId })
    return { helplineId, ...channel, otherUrl: `${other.url}/webhooks/whatsapp/${channel.channelId}` }
  }
  const flagged = async (channelId: string) =>
    (
      await server.pool.query<{ flagged: boolean }>(
        `select flagged from message where channel_id = $1 and direction = 'inbound' order by seq`,
        [channelId],
      )
    ).rows.map((row) => row.flagged)

  it('takes the next message with the rules and the secret another instance saved just before', async () => {
    const { helplineId, channelId, appSecret, otherUrl } = await door()
    const text = (body: string) => whatsappPayload({ messages: [whatsappText({ phone: PHONE }, body)] })
    // the other instance reads the channel and the settings, and keeps them
    assert.equal((await postWhatsAppWebhook(otherUrl, appSecret, text('sono sul ponte'))).status, 200)
    assert.deepEqual(await flagged(channelId), [false])

    // saved through this instance: a word list, and a new app secret
    const settings = await loadHelplineSettings(server.pool, helplineId)
    await importHelplineSettings(server.pool, helplineId, {
      ...settings,
      moderation: { autoFlag: true, words: ['ponte'] },
    })
    const newSecret = randomBytes(16).toString('hex')
    const secrets = { accessToken: fake.accessToken, appSecret: newSecret, verifyToken: 'verify' }
    await server.pool.query('update channel set secrets = $2 where id = $1', [
      channelId,
      sealChannelSecrets(server.services.keyring, { id: channelId, helplineId }, secrets),
    ])

    // the other instance's very next message: the old secret no longer opens the door, the new rules apply
    assert.equal((await postWhatsAppWebhook(otherUrl, appSecret, text('ancora sul ponte'))).status, 401)
    assert.equal((await postWhatsAppWebhook(otherUrl, newSecret, text('ancora sul ponte'))).status, 200)
    assert.deepEqual(await flagged(channelId), [false, true])
  })
  it('takes nothing more at a door another instance disabled, from its very next message', async () => {
    const { channelId, appSecret, otherUrl } = await door()
    const text = (body: string) => whatsappPayload({ messages: [whatsappText({ phone: PHONE }, body)] })
    assert.equal((await postWhatsAppWebhook(otherUrl, appSecret, text('prima'))).status, 200)
    await server.pool.query('update channel set enabled = false where id = $1', [channelId])
    assert.equal((await postWhatsAppWebhook(otherUrl, appSecret, text('dopo'))).status, 404)
    const stored = await server.pool.query(`select 1 from message where channel_id = $1`, [channelId])
    assert.equal(stored.rowCount, 1)
    // and again once it is on: the first instance's channel read anew
    await server.pool.query('update channel set enabled = true where id = $1', [channelId])
    assert.equal((await postWhatsAppWebhook(otherUrl, appSecret, text('di nuovo'))).status, 200)
    assert.equal(
      (await server.pool.query(`select 1 from message where channel_id = $1`, [channelId])).rowCount,
      2,
    )
  })
})
