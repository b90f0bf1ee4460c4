import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { PoolClient } from '@ascolto/db'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { TRANSACTIONS_AT_ONCE, TransactionGroups } from './transaction-groups.ts'

describe('several people’s work in one transaction', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
    await database.pool.query('create table written (person text, n int, txid bigint)')
  })
  after(() => database.drop())

  const write = async (tx: PoolClient, person: string, n = 0) => {
    const { rows } = await tx.query<{ txid: string }>(
      'insert into written values ($1, $2, txid_current()) returning txid::text',
      [person, n],
    )
    return rows[0]?.txid ?? ''
  }
  const rowsOf = async (person: string) =>
    (await database.pool.query('select n from written where person = $1 order by n', [person])).rows.map(
      (row) => row.n as number,
    )
  /** Every transaction of `groups` taken, until the gate opens: who comes meanwhile must wait. */
  const holdAll = (groups: TransactionGroups, prefix: string) => {
    let open = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    const held = Array.from({ length: TRANSACTIONS_AT_ONCE }, (_, i) =>
      groups.run(`${prefix}${i}`, async (tx) => {
        await gate
        return write(tx, `${prefix}${i}`)
      }),
    )
    return { open, held }
  }

  it('takes the people who come while its transactions run together, each answered after its commit', async () => {
    const groups = new TransactionGroups(database.pool)
    const { open, held } = holdAll(groups, 'held-a')
    const committedWhenAnswered: boolean[] = []
    const people = ['anna', 'bruno', 'carla'].map((person) =>
      groups
        .run(person, (tx) => write(tx, person))
        .then(async (txid) => {
          // seen from another connection the moment it is answered: committed
          committedWhenAnswered.push((await rowsOf(person)).length === 1)
          return txid
        }),
    )
    open()
    const heldTxids = await Promise.all(held)
    const txids = await Promise.all(people)
    assert.equal(new Set(txids).size, 1, 'the three in one transaction')
    assert.equal(new Set(heldTxids).size, TRANSACTIONS_AT_ONCE, 'those that came first, each alone')
    assert.ok(!heldTxids.includes(txids[0] ?? ''))
    assert.deepEqual(committedWhenAnswered, [true, true, true])
  })

  it('loses nobody’s work to another’s failure: the others are taken alone, only the failing one fails', async () => {
    const groups = new TransactionGroups(database.pool)
    const { open, held } = holdAll(groups, 'held-b')
    const dario = groups.run('dario', (tx) => write(tx, 'dario'))
    const elsa = groups.run('elsa', async (tx) => {
      await write(tx, 'elsa')
      throw new Error('elsa’s message cannot be taken')
    })
    const fabio = groups.run('fabio', (tx) => write(tx, 'fabio'))
    // awaited from now: elsa's may fail while the held ones still commit
    const settled = Promise.allSettled([dario, elsa, fabio])
    open()
    await Promise.all(held)
    const [d, e, f] = await settled
    assert.equal(d?.status, 'fulfilled')
    assert.equal(f?.status, 'fulfilled')
    assert.equal(e?.status === 'rejected' && (e.reason as Error).message, 'elsa’s message cannot be taken')
    assert.deepEqual(await rowsOf('dario'), [0])
    assert.deepEqual(await rowsOf('fabio'), [0])
    assert.deepEqual(await rowsOf('elsa'), [])
  })

  it('keeps a person in one transaction at a time: their next work starts after the last has committed', async () => {
    const groups = new TransactionGroups(database.pool)
    const seen: number[][] = []
    const works = [1, 2, 3].map((n) =>
      groups.run('gina', async (tx) => {
        const { rows } = await tx.query('select n from written where person = $1 order by n', ['gina'])
        seen.push(rows.map((row) => row.n as number))
        return write(tx, 'gina', n)
      }),
    )
    const txids = await Promise.all(works)
    assert.equal(new Set(txids).size, 3)
    assert.deepEqual(seen, [[], [1], [1, 2]])
  })
})
