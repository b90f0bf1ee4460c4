// The outbox against a channel that fails: retried with backoff on retryable errors, given up on
// permanent ones, in order per conversation, and never sent twice once the provider's id is kept.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import { withTransaction } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Services } from '../context.ts'
import { createKeyring } from '../crypto/keyring.ts'
import { createChannel, createHelpline } from '../helplines/create-helpline.ts'
import { claimDue } from '../outbox/outbox.ts'
import { silentPublisher } from '../realtime/publisher.ts'
import { deliverMessage } from './deliver-message.ts'
import { ingestInboundMessage } from './ingest-inbound-message.ts'
import { queueOutboundMessage } from './queue-outbound-message.ts'

describe('delivering through the outbox', () => {
  let database: TestDatabase
  const services: Services = {
    keyring: createKeyring(randomBytes(32)),
    publisher: silentPublisher,
    clock: () => new Date(),
  }
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database.drop())

  /** A provider that answers with the given outcomes in turn, then accepts. */
  function provider(outcomes: Array<'ok' | 'busy' | 'refused'>) {
    const received: string[] = []
    const adapter: ChannelAdapter = {
      kind: 'fake',
      capabilities: { media: false, typing: false, readReceipts: false },
      send: async (_connection, _to, message) => {
        const outcome = outcomes.shift() ?? 'ok'
        if (outcome === 'busy') throw new ChannelSendError('429', 'too many requests', true)
        if (outcome === 'refused') throw new ChannelSendError('131026', 'not deliverable', false)
        received.push(message.text)
        return { providerMessageId: `fake-${received.length}` }
      },
    }
    return { adapter, received }
  }

  async function conversationWithReplies(texts: string[]) {
    const { pool } = database
    const helpline = await createHelpline(pool, {
      slug: `d-${randomBytes(4).toString('hex')}`,
      name: 'Linea',
    })
    const channel = await createChannel(pool, { helplineId: helpline.id, kind: 'fake', name: 'Fake' })
    const connection = { id: channel.id, helplineId: helpline.id, config: {} }
    const ingested = await withTransaction(pool, (tx, afterCommit) =>
      ingestInboundMessage({ tx, afterCommit, services }, connection, {
        providerMessageId: randomBytes(8).toString('hex'),
        from: '+393330000000',
        receivedAt: new Date(),
        kind: 'text',
        text: 'ciao',
      }),
    )
    const conversationId = ingested.conversationId ?? ''
    for (const text of texts) {
      await withTransaction(pool, async (tx) =>
        queueOutboundMessage(tx, {
          sealer: await contactSealer(tx, services.keyring, { conversationId }),
          helplineId: helpline.id,
          conversationId,
          channelId: channel.id,
          authorId: null,
          kind: 'text',
          text,
        }),
      )
    }
    return conversationId
  }

  /** Runs the worker's loop by hand, making every retry due at once. */
  async function drain(adapters: Record<string, ChannelAdapter>) {
    for (let round = 0; round < 50; round++) {
      await database.pool.query('update outbox set run_at = now() where run_at > now()')
      const rows = await claimDue(database.pool, 10)
      if (rows.length === 0) return
      await Promise.all(rows.map((row) => deliverMessage(database.pool, services, adapters, row)))
    }
    throw new Error('the outbox did not drain')
  }

  const statuses = async (conversationId: string) =>
    (
      await database.pool.query(
        `select status, error_code from message where conversation_id = $1 and direction = 'outbound' order by seq`,
        [conversationId],
      )
    ).rows

  it('retries a busy provider with backoff and delivers every reply once, in order', async () => {
    const { adapter, received } = provider(['busy', 'busy', 'ok', 'busy', 'ok'])
    const conversationId = await conversationWithReplies(['uno', 'due', 'tre'])
    await drain({ fake: adapter })
    assert.deepEqual(received, ['uno', 'due', 'tre'])
    assert.deepEqual(
      (await statuses(conversationId)).map((r) => r.status),
      ['sent', 'sent', 'sent'],
    )
    const left = await database.pool.query('select count(*)::int as n from outbox')
    assert.equal(left.rows[0].n, 0)
  })

  it('waits with backoff after a failure, instead of hammering the provider', async () => {
    const { adapter } = provider(['busy'])
    await conversationWithReplies(['attendi'])
    const [row] = await claimDue(database.pool, 10)
    assert.ok(row)
    assert.equal(await deliverMessage(database.pool, services, { fake: adapter }, row), 'retry')
    const { rows } = await database.pool.query(
      'select run_at > now() as later, last_error from outbox where id = $1',
      [row.id],
    )
    assert.deepEqual(rows, [{ later: true, last_error: '429' }])
    assert.deepEqual(await claimDue(database.pool, 10), [])
    await drain({ fake: provider([]).adapter })
  })

  it('gives up on a permanent refusal, shows its code, and goes on with the next reply', async () => {
    const { adapter, received } = provider(['refused', 'ok'])
    const conversationId = await conversationWithReplies(['rifiutato', 'successivo'])
    await drain({ fake: adapter })
    assert.deepEqual(await statuses(conversationId), [
      { status: 'failed', error_code: '131026' },
      { status: 'sent', error_code: null },
    ])
    assert.deepEqual(received, ['successivo'])
  })

  it('does not send again a message whose provider id is already recorded', async () => {
    const { adapter, received } = provider([])
    const conversationId = await conversationWithReplies(['una volta sola'])
    // the send went through but the worker died before clearing its row
    await database.pool.query(
      `update message set provider_message_id = 'fake-earlier', status = 'sent' where conversation_id = $1 and direction = 'outbound'`,
      [conversationId],
    )
    await drain({ fake: adapter })
    assert.deepEqual(received, [])
  })
})
