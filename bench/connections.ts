// Connections benchmark: idle widget connections held by one Ascolto instance (1k, 5k, 10k), the
// memory each costs the server, and the time a reply takes to reach one of them under that load;
// beside a bare Socket.IO echo server of the same library holding the same connections in the
// same run (the baseline: what the library itself costs). The clients run in this process.

import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import path from 'node:path'
import { Server } from 'socket.io'
import { io, type Socket } from 'socket.io-client'
import { makeHelpline, visitorToken } from '../apps/server/src/testing/test-server.ts'
import { database, memoryMb, percentile, report, round, sleep, startBenchAscolto } from './lib.ts'

const LEVELS = (process.env.BENCH_CONNECTIONS ?? '1000,5000,10000').split(',').map(Number)
const PINGS = 50

async function openAll(url: string, count: number, auth: (i: number) => Record<string, string>) {
  const sockets: Socket[] = []
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) =>
      io(url, { transports: ['websocket'], auth: auth(start + k), reconnection: false, forceNew: true }),
    )
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve())
            socket.once('connect_error', reject)
          }),
      ),
    )
    sockets.push(...batch)
  }
  return sockets
}

/** The baseline: a bare Socket.IO server in its own process that echoes, nothing else. */
async function echoServer() {
  if (process.argv[2] === 'echo') return
  const child = fork(path.join(import.meta.dirname, 'connections.ts'), ['echo'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))))
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => child.kill() }
}

if (process.argv[2] === 'echo') {
  const http = createServer()
  const server = new Server(http, { serveClient: false })
  server.on('connection', (socket) => socket.on('ping-me', (payload, answer) => answer(payload)))
  http.listen(0, '127.0.0.1', () => {
    const address = http.address()
    process.send?.(typeof address === 'object' && address ? address.port : 0)
  })
} else {
  const db = await database('server')
  const bench = await startBenchAscolto(db)
  const line = await makeHelpline(bench.pool)
  const echo = await echoServer()
  if (!echo) throw new Error('no echo server')
  const pid = bench.ascolto.child.pid ?? 0
  const rows: Array<Record<string, number | string>> = []
  await sleep(1000)
  const ascoltoIdle = await memoryMb([pid])
  const echoIdle = await memoryMb([echo.pid])

  // one person who wrote, taken and answered at each level: the reply's time to their widget
  const person = visitorToken()
  const posted = await fetch(`${bench.ascolto.url}/api/widget/v1/channels/${line.channelId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${person}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: randomUUID(), text: 'ciao' }),
  })
  const conversationId = (await posted.json()).conversationId as string | undefined
  const { rows: conversation } = await bench.pool.query<{ id: string }>(
    'select id from conversation where channel_id = $1',
    [line.channelId],
  )
  const id = conversationId ?? conversation[0]?.id
  const api = (p: string, body: unknown) =>
    fetch(`${bench.ascolto.url}${p}`, {
      method: 'POST',
      headers: { cookie: bench.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  // the bench's volunteer is of the WhatsApp helpline; this conversation is on another one
  await bench.pool.query(
    `insert into membership (user_id, helpline_id, role)
     select user_id, $1, 'volunteer' from membership where helpline_id = $2 on conflict do nothing`,
    [line.helplineId, bench.helplineId],
  )
  await (await api(`/api/conversations/${id}/take`, {})).arrayBuffer()
  const watcher = io(`${bench.ascolto.url}/widget`, {
    transports: ['websocket'],
    auth: { channelId: line.channelId, token: person },
  })
  await new Promise<void>((resolve) => watcher.once('connect', () => resolve()))

  // Ascolto's levels first, then the echo server's: the clients of both at once would need more
  // file descriptors than this process may hold
  const measured: Array<{ ascoltoMb: number; replyMs: number[] }> = []
  let held: Socket[] = []
  for (const level of LEVELS) {
    held.push(
      ...(await openAll(`${bench.ascolto.url}/widget`, level - held.length, () => ({
        channelId: line.channelId,
        token: visitorToken(),
      }))),
    )
    await sleep(2000)
    const ascoltoMb = await memoryMb([pid])
    const replyMs: number[] = []
    for (let n = 0; n < PINGS; n++) {
      const at = Date.now()
      const arrived = new Promise<void>((resolve) => watcher.once('message', () => resolve()))
      await (await api(`/api/conversations/${id}/messages`, { text: `ping ${n}` })).arrayBuffer()
      await arrived
      replyMs.push(Date.now() - at)
    }
    measured.push({ ascoltoMb, replyMs })
  }
  for (const socket of held) socket.disconnect()
  held = []
  let echoHeld: Socket[] = []
  for (const [index, level] of LEVELS.entries()) {
    echoHeld.push(...(await openAll(echo.url, level - echoHeld.length, () => ({}))))
    await sleep(2000)
    const echoMb = await memoryMb([echo.pid])
    const echoMs: number[] = []
    const probe = echoHeld[0]
    for (let n = 0; n < PINGS && probe; n++) {
      const at = Date.now()
      await probe.emitWithAck('ping-me', n)
      echoMs.push(Date.now() - at)
    }
    const { ascoltoMb = 0, replyMs = [] } = measured[index] ?? {}
    rows.push({
      connections: level,
      'Ascolto MB': ascoltoMb,
      'KB per connection': round(((ascoltoMb - ascoltoIdle) * 1024) / level),
      'reply→widget p50 ms': round(percentile(replyMs, 50)),
      'reply→widget p99 ms': round(percentile(replyMs, 99)),
      'echo server MB': echoMb,
      'echo KB per connection': round(((echoMb - echoIdle) * 1024) / level),
      'echo p50 ms': round(percentile(echoMs, 50)),
    })
  }
  for (const socket of [...echoHeld, watcher]) socket.disconnect()
  echoHeld = []
  echo.stop()
  await bench.close()
  await db.close()
  await report(
    'connections',
    'Idle widget connections on one instance (PostgreSQL server)',
    { ascoltoIdle, echoIdle },
    rows,
  )
}
