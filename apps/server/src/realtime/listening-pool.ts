// The pool as the realtime adapter sees it. The adapter holds one connection for LISTEN and
// reconnects when it ends, but sets no 'error' handler on it: a database restart would throw an
// unhandled 'error' and end the process. Each connection it takes gets one that drops it (it then
// ends, and the adapter reconnects). A connection is released once, whoever comes first: at a
// stop, the adapter releases it and the database's goodbye then arrives as an error, and a second
// release would throw out of the event and end the process. Everything else is the pool's own.
import type { Pool, PoolClient } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'

export function listeningPool(pool: Pool, log: FastifyBaseLogger): Pool {
  const connect = async (): Promise<PoolClient> => {
    const client = await pool.connect()
    // pg-pool's release for this checkout; ours runs it once and takes our handler off with it
    const release = client.release
    let released = false
    const onError = (error: Error) => {
      log.warn({ err: error }, 'realtime listener lost its database connection')
      client.release(error)
    }
    client.release = (error) => {
      if (released) return
      released = true
      client.off('error', onError)
      release(error)
    }
    client.on('error', onError)
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
