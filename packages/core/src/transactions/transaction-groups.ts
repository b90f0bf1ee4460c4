// Several people's messages in one transaction. Each person's work is queued; while a few
// transactions are running, the people who arrive meanwhile wait and then go together, in one
// transaction whose statements are shared (statement-batches.ts): one BEGIN, one arrival, one
// insert, one read of the views and one COMMIT for all of them, where each message took its own.
// Alone, a person's work starts at once: waiting is only ever behind work already running.
// Nothing is acknowledged before it is committed: each caller's promise settles after the commit.
// A person is never in two transactions at once (their messages keep their order), and one
// person's failure does not cost the others theirs: the group is rolled back and each of its
// people is taken again alone, so only the work that fails alone fails.
import { type Pool, type PoolClient, withTransaction } from '@ascolto/db'
import type { AfterCommit } from '../context.ts'

/**
 * Transactions running at once (of the pool's 20). Fewer make larger groups, so fewer statements
 * per message; more keep PostgreSQL working while this process prepares the next group. With a
 * queue deep enough to fill every group (routes/webhooks/bodies-in-hand.ts), 3 took the most on two
 * cores (docs/performance.md, eighth step); more than one, so that a transaction waiting for a lock
 * does not hold up every other person's messages.
 */
export const TRANSACTIONS_AT_ONCE = 3
/**
 * People in one transaction: bounds how long each waits for the others' statements. At 1,250 new
 * people a second offered on two cores, 64 took 1,200 a second where 32 and 128 took 1,100
 * (docs/performance.md, eighth step).
 */
const PEOPLE_PER_TRANSACTION = 64

type Work<T> = (tx: PoolClient, afterCommit: AfterCommit) => Promise<T>
type Entry = {
  person: string
  work: Work<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class TransactionGroups {
  private readonly queue: Entry[] = []
  private readonly busy = new Set<string>()
  private running = 0
  private readonly pool: Pool

  constructor(pool: Pool) {
    this.pool = pool
  }

  /** Runs `work` for `person` in a transaction shared with others; settles once it has committed. */
  run<T>(person: string, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ person, work, resolve: resolve as (value: unknown) => void, reject })
      this.start()
    })
  }

  private start() {
    while (this.running < TRANSACTIONS_AT_ONCE) {
      const group = this.nextGroup()
      if (group.length === 0) return
      this.running++
      for (const entry of group) this.busy.add(entry.person)
      void this.commit(group).finally(() => {
        this.running--
        for (const entry of group) this.busy.delete(entry.person)
        this.start()
      })
    }
  }

  /** The oldest waiting work of each person not already in a transaction, in the order queued. */
  private nextGroup(): Entry[] {
    const group: Entry[] = []
    const people = new Set<string>()
    for (let index = 0; index < this.queue.length && group.length < PEOPLE_PER_TRANSACTION; ) {
      const entry = this.queue[index] as Entry
      if (this.busy.has(entry.person) || people.has(entry.person)) {
        // a later message of someone already taken waits for theirs to commit
        people.add(entry.person)
        index++
        continue
      }
      people.add(entry.person)
      group.push(entry)
      this.queue.splice(index, 1)
    }
    return group
  }

  private async commit(group: Entry[]) {
    try {
      const values = await withTransaction(this.pool, async (client, afterCommit) => {
        const tx = oneQueryAtATime(client)
        // every person's work ends before the transaction does, so none writes after its end
        const settled = await Promise.allSettled(group.map((entry) => entry.work(tx, afterCommit)))
        const failed = settled.find((outcome) => outcome.status === 'rejected')
        if (failed) throw failed.reason
        return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value)
      })
      for (const [index, entry] of group.entries()) entry.resolve(values[index])
    } catch (error) {
      if (group.length === 1) return group[0]?.reject(error)
      for (const entry of group) {
        await withTransaction(this.pool, entry.work).then(entry.resolve, entry.reject)
      }
    }
  }
}

/** The connection as each person's work sees it: their statements go one after another, in order. */
function oneQueryAtATime(client: PoolClient): PoolClient {
  let last: Promise<unknown> = Promise.resolve()
  const query = (...args: unknown[]) => {
    const next = last.then(() => (client.query as (...args: unknown[]) => Promise<unknown>)(...args))
    last = next.catch(() => {})
    return next
  }
  return new Proxy(client, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) })
}

const groupsOfPool = new WeakMap<Pool, TransactionGroups>()

/** The instance's groups: one per pool, so all of an instance's webhooks share them. */
export function transactionGroupsOf(pool: Pool): TransactionGroups {
  let groups = groupsOfPool.get(pool)
  if (!groups) {
    groups = new TransactionGroups(pool)
    groupsOfPool.set(pool, groups)
  }
  return groups
}
