// Whether this instance reaches its database, told to the consoles connected to it. While the
// database is away nothing is received or sent (webhooks answer 5xx and the providers retry, the
// widget keeps what the person wrote), and the console must say so rather than look calm. Told
// over this instance's own sockets: the fan-out between instances goes through the database.
import type { Pool } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Server } from 'socket.io'

const EVERY_MS = 3000
const TIMEOUT_MS = 2000

export function watchDatabase(io: Server, pool: Pool, log: FastifyBaseLogger) {
  let reachable = true
  const consoles = io.of('/console')
  consoles.on('connection', (socket) => {
    if (!reachable) socket.emit('service.state', { database: 'unreachable' })
  })
  const check = async () => {
    const ok = await Promise.race([
      pool.query('select 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref()),
    ])
    if (ok === reachable) return
    reachable = ok
    log[ok ? 'info' : 'error'](ok ? 'database reachable again' : 'database unreachable')
    consoles.local.emit('service.state', { database: ok ? 'reachable' : 'unreachable' })
  }
  const timer = setInterval(check, EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
