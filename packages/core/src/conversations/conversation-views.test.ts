// Conversations read by id, as the ingest reads the views its consoles are sent: the rows asked
// for, within the helplines given, found by their key however many conversations the helpline has
// (a plan made once for every filter read them all, at every message).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { withTransaction } from '@ascolto/db'
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

  it('finds them by their key, not among all of the helpline’s, in the plan kept for the connection', async () => {
    const [line] = lines as [(typeof lines)[0]]
    const asked = line.conversationIds.slice(100, 103)
    const client = await database.pool.connect()
    try {
      // the plan a connection keeps after its first executions, made once for every value; and no
      // whole-table scan, which a table this small makes the cheapest: can the key lead?
      await client.query('set plan_cache_mode = force_generic_plan')
      await client.query('set enable_seqscan = off')
      await loadConversationViews(client, keyring, { helplineIds: [line.helplineId], ids: asked })
      // a utility statement takes no parameters: the ids (uuids) written as array literals
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `explain (analyze, format json) execute "conversation-views-by-id"(
           '{${line.helplineId}}', '{${asked.join(',')}}', null, null)`,
      )
      const plan = rows[0]?.['QUERY PLAN'][0]?.Plan as PlanNode
      const read = rowsRead(plan, 'c')
      assert.ok(
        read >= asked.length && read < 3 * asked.length,
        `read ${read} conversations for ${asked.length}`,
      )
    } finally {
      client.release()
    }
  })
})
