// Nothing Meta was told is received is lost: 1,000 signed WhatsApp webhooks, the server killed
// (SIGKILL) a quarter of the way through. Every message that got its 200 is stored exactly once;
// then Meta's retries of all of them (acknowledged or not) store each exactly once.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { whatsappConnection } from '@ascolto/channels'
import { connectChannel, createKeyring } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { burstThroughCrash } from '../testing/burst-through-crash.ts'
import { newWamid, postWhatsAppWebhook, whatsappPayload, whatsappText } from '../testing/fake-whatsapp.ts'
import { openProviderIds } from '../testing/sealed.ts'
import { spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { makeHelpline } from '../testing/test-server.ts'

const BURST = 1000

describe('a crash during a burst of WhatsApp webhooks', () => {
  let database: TestDatabase
  let dataDir: string
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-wa-crash-'))
  })
  after(async () => {
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('stores every acknowledged message exactly once, and every retried one once', async () => {
    const masterKey = randomBytes(32).toString('hex')
    const env = { DATABASE_URL: database.url, ASCOLTO_MASTER_KEY: masterKey, ASCOLTO_DATA_DIR: dataDir }
    const { helplineId } = await makeHelpline(database.pool)
    const { config, secrets } = whatsappConnection({
      phoneNumberId: '109876543210123',
      accessToken: `EAAG${randomBytes(24).toString('hex')}`,
      appSecret: randomBytes(16).toString('hex'),
      verifyToken: randomBytes(12).toString('base64url'),
      // nothing is sent in this test: the Graph API is never called
      graphBaseUrl: 'http://127.0.0.1:9',
    })
    const channel = await connectChannel(database.pool, createKeyring(Buffer.from(masterKey, 'hex')), {
      helplineId,
      kind: 'whatsapp',
      name: 'WhatsApp',
      config,
      secrets,
    })
    // a thousand people writing at once, one message each, as Meta posts them
    const webhooks = Array.from({ length: BURST }, (_, i) => {
      const key = newWamid()
      const phone = `39347${String(1_000_000 + i).padStart(7, '0')}`
      return {
        key,
        body: JSON.stringify(whatsappPayload({ messages: [whatsappText({ phone }, `aiuto ${i}`, key)] })),
      }
    })
    const send = async (url: string, webhook: (typeof webhooks)[number]) =>
      (await postWhatsAppWebhook(`${url}/webhooks/whatsapp/${channel.id}`, secrets.appSecret, webhook.body))
        .status

    const victim = await spawnAscolto(env)
    const acknowledged = await burstThroughCrash(victim, webhooks, send, {
      killAt: BURST / 4,
      acknowledged: (status) => status === 200,
    })
    await stopAscolto(victim)
    assert.ok(
      acknowledged.length >= BURST / 4 - 8 && acknowledged.length < BURST,
      `acknowledged ${acknowledged.length}`,
    )

    const stored = async () =>
      openProviderIds(database.pool, createKeyring(Buffer.from(masterKey, 'hex')), {
        channelId: channel.id,
        direction: 'inbound',
      })
    const afterCrash = await stored()
    assert.equal(new Set(afterCrash).size, afterCrash.length, 'no message stored twice')
    const kept = new Set(afterCrash)
    assert.deepEqual(
      acknowledged.filter((wamid) => !kept.has(wamid)),
      [],
      'every acknowledged message is stored',
    )

    // Meta retries what it did not see acknowledged, and (at least once) much of what it did
    const restarted = await spawnAscolto(env)
    for (const webhook of webhooks) assert.equal(await send(restarted.url, webhook), 200)
    await stopAscolto(restarted)
    const final = await stored()
    assert.equal(final.length, BURST)
    assert.equal(new Set(final).size, BURST)
    const conversations = await database.pool.query(
      'select count(*)::int as n from conversation where channel_id = $1',
      [channel.id],
    )
    assert.equal(conversations.rows[0].n, BURST, 'one conversation per person, none doubled')
  })
})
