// A worker killed (SIGKILL) in the middle of a send: the reply it held is taken again by another
// worker once its short lease runs out (not held by a lock for ever), sent once, and the replies
// written after it in the same conversation follow in order; work of other conversations is not
// stuck behind it.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createKeyring, LEASE_SECONDS, silentPublisher } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { eventually } from '../testing/eventually.ts'
import { type FakeWhatsApp, startFakeWhatsApp } from '../testing/fake-whatsapp.ts'
import { type SpawnedAscolto, spawnAscolto, stopAscolto } from '../testing/spawn-ascolto.ts'
import { openWhatsAppConversation, outboundOf, type ServerParts } from '../testing/whatsapp-conversation.ts'

describe('a worker killed in the middle of a send', () => {
  let database: TestDatabase
  let dataDir: string
  let fake: FakeWhatsApp
  const processes: SpawnedAscolto[] = []
  let env: Record<string, string>
  before(async () => {
    database = await createTestDatabase()
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-worker-crash-'))
    fake = await startFakeWhatsApp()
    env = { DATABASE_URL: database.url, ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex') }
  })
  after(async () => {
    for (const instance of processes) await stopAscolto(instance)
    await fake?.close()
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  const start = async (role: 'web' | 'worker') => {
    const instance = await spawnAscolto({
      ...env,
      ASCOLTO_ROLE: role,
      ASCOLTO_DATA_DIR: path.join(dataDir, String(processes.length)),
    })
    processes.push(instance)
    return instance
  }
  it('sends the held reply again after the lease, once, in order, and nothing else waits for it', async () => {
    const web = await start('web')
    const firstWorker = await start('worker')
    const server: ServerParts = {
      pool: database.pool,
      url: web.url,
      services: {
        keyring: createKeyring(Buffer.from(env.ASCOLTO_MASTER_KEY ?? '', 'hex')),
        publisher: silentPublisher,
        clock: () => new Date(),
      },
    }
    const chat = await openWhatsAppConversation(server, fake, { phone: '393490000100' })
    const other = await chat.another({ phone: '393490000101' })

    // the Graph API takes the first send and never answers; the worker dies while waiting
    fake.fail(1, 'hang')
    const attempts = fake.attempts()
    await chat.reply('la prima risposta')
    await eventually('the send in flight', () => fake.attempts() > attempts, 60_000)
    firstWorker.child.kill('SIGKILL')
    await firstWorker.exited
    const killedAt = Date.now()
    await chat.reply('la seconda, dopo la prima')
    await other.reply('un’altra persona')

    await start('worker')
    // another conversation's reply goes at once, not after the lease
    await eventually(
      'the other conversation',
      () => fake.sent.some((m) => m.text === 'un’altra persona'),
      60_000,
    )
    const otherAfter = (Date.now() - killedAt) / 1000
    assert.ok(otherAfter < LEASE_SECONDS, `the other conversation waited ${otherAfter} s`)

    const statuses = async () => (await outboundOf(server, chat.conversationId)).map((row) => row.status)
    await eventually(
      'the held replies',
      async () => (await statuses()).every((status) => status === 'sent'),
      60_000,
    )
    const heldFor = (Date.now() - killedAt) / 1000
    assert.deepEqual(
      fake.sent.filter((m) => m.to === '393490000100').map((m) => m.text),
      ['la prima risposta', 'la seconda, dopo la prima'],
    )
    // taken again when the lease ran out (plus the next worker's start), not much later
    assert.ok(heldFor < LEASE_SECONDS + 15, `the held reply went after ${heldFor} s`)
  })
})
