import type { Pool, PoolClient } from './client.ts'

/**
 * Runs `work` in one transaction. Whatever it hands to `afterCommit` runs only once the commit
 * has succeeded (realtime pushes, waking the outbox worker): nothing is announced that could
 * still roll back.
 */
export async function withTransaction<T>(
  pool: Pool,
  work: (tx: PoolClient, afterCommit: (effect: () => void) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  const effects: Array<() => void> = []
  try {
    await client.query('begin')
    const result = await work(client, (effect) => effects.push(effect))
    await client.query('commit')
    for (const effect of effects) effect()
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
