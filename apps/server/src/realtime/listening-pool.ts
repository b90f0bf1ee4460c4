// The pool as the realtime adapter sees it. The adapter holds one connection for LISTEN and
// reconnects when it ends, but sets no 'error' handler on it: a database restart would throw an
// unhandled 'error' and end the process. Each connection it takes gets one that drops it (it then
// ends, and the adapter reconnects). Everything else is the pool's own, bound to it.
import type { Pool, PoolClient } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'

export function listeningPool(pool: Pool, log: FastifyBaseLogger): Pool {
  const connect = async (): Promise<PoolClient> => {
    const client = await pool.connect()
    client.on('error', (error) => {
      log.warn({ err: error }, 'realtime listener lost its database connection')
      client.release(error)
    })
    return client
  }
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'connect') return connect
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
