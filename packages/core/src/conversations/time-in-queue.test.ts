// The time in queue a conversation's fact keeps (0058): from when the person waited until someone
// of the line took it, stamped by the database whichever way it leaves the queue; the first time in
// queue of a reopened conversation; 0 for one taken before its wait began (the line not yet
// open); nothing for a conversation no one took.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { createChannel, createHelpline } from '../helplines/create-helpline.ts'
import { createUser } from '../operators/create-user.ts'
import { recordConversationFacts } from './record-conversation-facts.ts'

/** A new person's conversation waiting in the queue since $3 seconds ago. */
const WAITING = `with c as (insert into contact (helpline_id, pseudonym) values ($1, 1000 + floor(random() * 900000)) returning id)
  insert into conversation (helpline_id, contact_id, channel_id, status, queued_at)
  select $1, c.id, $2, 'waiting', now() - make_interval(secs => $3) from c
  returning id`

describe('the time in queue', () => {
  let db: TestDatabase
  let helplineId: string
  let channelId: string
  let userId: string
  before(async () => {
    db = await createTestDatabase()
    ;({ id: helplineId } = await createHelpline(db.pool, {
      slug: `q-${randomBytes(4).toString('hex')}`,
      name: 'Q',
    }))
    ;({ id: channelId } = await createChannel(db.pool, { helplineId, kind: 'webchat', name: 'Chat' }))
    ;({ id: userId } = await createUser(db.pool, {
      email: `q-${randomBytes(4).toString('hex')}@example.org`,
      displayName: 'Giulia',
      password: 'a long enough password',
    }))
  })
  after(() => db.drop())

  /** A conversation whose person began to wait `seconds` ago, taken in the same transaction (one now()). */
  async function waitedAndTaken(conversationId: string | null, seconds: number) {
    const client = await db.pool.connect()
    try {
      await client.query('begin')
      const { rows } = conversationId
        ? await client.query<{ id: string }>(
            `update conversation set status = 'waiting', closed_at = null, queued_at = now() - make_interval(secs => $2)
              where id = $1 returning id`,
            [conversationId, seconds],
          )
        : await client.query<{ id: string }>(WAITING, [helplineId, channelId, seconds])
      const id = rows[0]?.id as string
      await client.query(`update conversation set status = 'open', assignee_id = $2 where id = $1`, [
        id,
        userId,
      ])
      await client.query('commit')
      return id
    } catch (error) {
      await client.query('rollback')
      throw error
    } finally {
      client.release()
    }
  }
  async function closeAndCount(id: string, from: 'open' | 'waiting' = 'open') {
    await db.pool.query(
      `update conversation set status = 'closed', closed_at = now() where id = $1 and status = $2`,
      [id, from],
    )
    await recordConversationFacts(db.pool, [id])
    const { rows } = await db.pool.query<{ queue_seconds: number | null }>(
      'select queue_seconds from conversation_fact where conversation_id = $1',
      [id],
    )
    return rows[0]?.queue_seconds
  }

  it('counts from when the person waited until the conversation was taken, the first time only', async () => {
    const id = await waitedAndTaken(null, 95)
    assert.equal(await closeAndCount(id), 95)
    // reopened into the queue, it waits again: taken anew, its fact keeps the first time in queue
    await db.pool.query(`update conversation set status = 'waiting', closed_at = null where id = $1`, [id])
    const { rows } = await db.pool.query('select taken_at from conversation where id = $1', [id])
    assert.equal(rows[0]?.taken_at, null, 'back in the queue, not taken')
    await waitedAndTaken(id, 30)
    assert.equal(await closeAndCount(id), 95)
  })

  it('counts no wait for one taken before the line opened to the person who wrote while it was closed', async () => {
    assert.equal(await closeAndCount(await waitedAndTaken(null, -600)), 0)
  })

  it('keeps no time in queue for a conversation no one took', async () => {
    const { rows } = await db.pool.query<{ id: string }>(WAITING, [helplineId, channelId, 300])
    assert.equal(await closeAndCount(rows[0]?.id as string, 'waiting'), null)
  })
})
