import pg from 'pg'

export type Pool = pg.Pool
export type PoolClient = pg.PoolClient
/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>

export function createPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'ascolto' })
  // A client losing its server (a restart, a failover) must not end the process. pg-pool hears an
  // idle client's goodbye; a checked-out one (a transaction between two statements) emits 'error'
  // itself, which unheard ends the process. Heard here, it marks the client broken: its next
  // query fails (the transaction rolls back and is not acknowledged) and the pool drops it on release.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}
