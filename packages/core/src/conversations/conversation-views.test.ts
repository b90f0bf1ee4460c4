// Conversations as the consoles see them, read as the instance reads them: by id (the views the
// ingest sends with every message) the rows asked for, within the helplines given, found by their
// key; a list by status (the queue) found among that status only, not the helpline's history.
// The plans are those the code's own statements got (auto_explain, sent back as a notice), with the
// plans a connection keeps made for every value.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { type PoolClient, withTransaction } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { ownDoor } from '../channels/own-door.ts'
import { createContact } from '../contacts/create-contact.ts'
import { createKeyring } from '../crypto/keyring.ts'
import { createHelpline } from '../helplines/create-helpline.ts'
import { loadConversationViews } from './conversation-views.ts'

const PEOPLE = 300

type PlanNode = {
  'Relation Name'?: string
  Alias?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}
/** Rows each scan of `alias` looked at: those it returned and those it threw away. */
function rowsRead(node: PlanNode, alias: string): number {
  const own =
    node.Alias === alias
      ? ((node['Actual Rows'] ?? 0) +
          (node['Rows Removed by Filter'] ?? 0) +
          (node['Rows Removed by Index Recheck'] ?? 0)) *
        (node['Actual Loops'] ?? 1)
      : 0
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, alias), 0)
}

describe('conversations read by id', () => {
  let database: TestDatabase
  const keyring = createKeyring(randomBytes(32))
  const lines: { helplineId: string; conversationIds: string[] }[] = []
  before(async () => {
    database = await createTestDatabase()
    for (const slug of ['viste', 'altra']) {
      const { id: helplineId } = await createHelpline(database.pool, { slug, name: 'Linea' })
      const channelId = await withTransaction(database.pool, (tx) =>
        ownDoor(tx, helplineId, 'webchat', 'Chat'),
      )
      const people = await withTransaction(database.pool, (tx) =>
        Promise.all(
          Array.from({ length: PEOPLE }, (_, i) =>
            createContact(tx, keyring, {
              helplineId,
              channelId,
              address: `${slug}-${i}`,
              addressHash: keyring.hashAddress(helplineId, `${slug}-${i}`),
              erasedBlock: null,
              conversation: { status: 'waiting', closedAt: null, dueAt: null, queuedAt: new Date() },
            }),
          ),
        ),
      )
      lines.push({ helplineId, conversationIds: people.map((person) => person.conversationId as string) })
    }
    await database.pool.query('analyze')
  })
  after(() => database.drop())

  it('reads the conversations asked for, of the helplines given only', async () => {
    const [line, other] = lines as [(typeof lines)[0], (typeof lines)[0]]
    const asked = [line.conversationIds[7], line.conversationIds[250], other.conversationIds[3]] as string[]
    const views = await loadConversationViews(database.pool, keyring, {
      helplineIds: [line.helplineId],
      ids: asked,
    })
    assert.deepEqual(views.map((view) => view.id).sort(), asked.slice(0, 2).sort())
  })

  /** The plans of what `read` runs on this connection, as PostgreSQL executed them. */
  async function plansOf(read: (client: PoolClient) => Promise<unknown>, planCache = 'force_generic_plan') {
    const client = await database.pool.connect()
    const plans: PlanNode[] = []
    const heard = (notice: { message?: string }) => {
      const json = notice.message?.slice(notice.message.indexOf('{'))
      if (json) plans.push((JSON.parse(json) as { Plan: PlanNode }).Plan)
    }
    try {
      await client.query(`load 'auto_explain'`)
      for (const setting of [
        'auto_explain.log_min_duration = 0',
        'auto_explain.log_analyze = on',
        'auto_explain.log_format = json',
        'auto_explain.log_level = notice',
        // by default the plan a connection keeps after its first executions, made once for every value
        `plan_cache_mode = ${planCache}`,
        // no whole-table scan, which tables this small make the cheapest: can an index lead?
        'enable_seqscan = off',
      ])
        await client.query(`set ${setting}`)
      client.on('notice', heard)
      await read(client)
      return plans
    } finally {
      client.off('notice', heard)
      client.release(true)
    }
  }

  it('finds the conversations asked for by their key, not among all of the helpline’s', async () => {
    const [line] = lines as [(typeof lines)[0]]
    const asked = line.conversationIds.slice(100, 103)
    const plans = await plansOf((client) =>
      loadConversationViews(client, keyring, { helplineIds: [line.helplineId], ids: asked }),
    )
    const read = plans.reduce((sum, plan) => sum + rowsRead(plan, 'c'), 0)
    assert.ok(
      read >= asked.length && read < 3 * asked.length,
      `read ${read} conversations for ${asked.length}`,
    )
  })

  it('finds a list by status among that status, not the helpline’s history', async () => {
    const [, other] = lines as [(typeof lines)[0], (typeof lines)[0]]
    // most of the helpline's conversations are history: 20 wait
    await database.pool.query(
      `update conversation set status = 'closed', closed_at = now() where id = any($1::uuid[])`,
      [other.conversationIds.slice(20)],
    )
    await database.pool.query('analyze conversation')
    // the connection's tenth list: past the five PostgreSQL plans for their values before it may keep one
    const plans = await plansOf(async (client) => {
      for (let i = 0; i < 10; i++)
        await loadConversationViews(client, keyring, { helplineIds: [other.helplineId], status: 'waiting' })
    }, 'auto')
    const read = rowsRead(plans.at(-1) as PlanNode, 'c')
    assert.ok(read >= 20 && read < 60, `read ${read} conversations for the 20 waiting`)
  })
})
