// Nothing acknowledged is lost: kill -9 the server in the middle of a burst of messages; every
// message that got its 2xx is stored exactly once, and resending all of them (as the widget does
// with what it has not seen acknowledged) stores each once.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createKeyring } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { burstThroughCrash } from '../testing/burst-through-crash.ts'
import { openProviderIds } from '../testing/sealed.ts'
import { spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { makeHelpline, visitorToken } from '../testing/test-server.ts'

const BURST = 400

describe('a crash during a burst of inbound messages', () => {
  let database: TestDatabase
  let dataDir: string
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-crash-'))
  })
  after(async () => {
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged message exactly once', async () => {
    const masterKey = randomBytes(32)
    const env = {
      DATABASE_URL: database.url,
      ASCOLTO_MASTER_KEY: masterKey.toString('hex'),
      ASCOLTO_DATA_DIR: dataDir,
    }
    const line = await makeHelpline(database.pool)
    const messages = Array.from({ length: BURST }, (_, i) => ({
      key: randomUUID(),
      token: visitorToken(),
      text: `messaggio ${i}`,
    }))
    const send = (url: string, m: (typeof messages)[number]) =>
      fetch(`${url}/api/widget/v1/channels/${line.channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: m.key, text: m.text }),
      }).then((r) => r.status)

    const victim = await spawnAscolto(env)
    const acknowledged = await burstThroughCrash(victim, messages, send, { killAt: BURST / 4 })
    await stopAscolto(victim)
    assert.ok(acknowledged.length > 0 && acknowledged.length < BURST, `acknowledged ${acknowledged.length}`)

    const stored = async () =>
      (await openProviderIds(database.pool, createKeyring(masterKey))).map((id) => id.split(':')[1])
    const afterCrash = await stored()
    assert.equal(new Set(afterCrash).size, afterCrash.length, 'no message stored twice')
    const missing = acknowledged.filter((clientId) => !afterCrash.includes(clientId))
    assert.deepEqual(missing, [], 'every acknowledged message is stored')

    const restarted = await spawnAscolto(env)
    for (const m of messages) assert.ok([200, 201].includes(await send(restarted.url, m)))
    await stopAscolto(restarted)
    const final = await stored()
    assert.equal(final.length, BURST)
    assert.equal(new Set(final).size, BURST)
  })
})
