// Test helpers: a real Ascolto on its own fresh database and port, and typed factories for the
// people and helplines a test needs.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '@ascolto/config'
import { addMembership, createChannel, createHelpline, createUser } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import { createTestDatabase } from '@ascolto/db/testing'
import type { MemberRole } from '@ascolto/protocol'
import { type Running, startAscolto } from '../main.ts'
import { answerOf } from './answer.ts'
import { createLogSink, noteMadeUp, noteMadeUpBody, personalDataIn } from './log-scan.ts'

export type TestServer = Running & { databaseUrl: string; masterKey: string; close: () => Promise<void> }

export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: () => Date } = {},
): Promise<TestServer> {
  // logged into a sink scanned at close (log-scan.ts); shown too when LOG_LEVEL is set
  const logs = createLogSink({ echo: Boolean(process.env.LOG_LEVEL) })
  const database = await watched('creating its database', logs.lines, createTestDatabase())
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-test-'))
  const masterKey = randomBytes(32).toString('hex')
  const running = await watched(
    'starting',
    logs.lines,
    startAscolto(
      loadConfig({
        DATABASE_URL: database.url,
        ASCOLTO_DATA_DIR: dataDir,
        ASCOLTO_MASTER_KEY: masterKey,
        PORT: '0',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'debug',
        // makeOperator signs in with a password alone; the second-factor tests ask for "required"
        ASCOLTO_SECOND_FACTOR: 'optional',
        ...env,
      }),
      { ...options, logStream: logs.stream },
    ),
  )
  return {
    ...running,
    databaseUrl: database.url,
    masterKey,
    close: async () => {
      await watched('stopping', logs.lines, running.stop())
      await watched('dropping its database', logs.lines, database.drop())
      await rm(dataDir, { recursive: true, force: true })
      const personal = personalDataIn(logs.lines)
      if (personal.length > 0) {
        throw new Error(
          `${personal.length} log line(s) carry personal data:\n${personal.slice(0, 5).join('\n')}`,
        )
      }
    },
  }
}

const SLOW_STEP_MS = 30_000

/**
 * A step of a test server that should take a second or two: past half a minute (a run stuck on a
 * busy machine, which the runner ends only at its time-out, saying nothing of where), it says on
 * stderr which step it is and what the server logged last.
 */
async function watched<T>(step: string, logLines: readonly string[], work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    const last = logLines.slice(-8).map((line) => {
      const { msg, level, step } = JSON.parse(line) as { msg?: string; level?: number; step?: string }
      return `  [${level}] ${msg}${step ? ` ${step}` : ''}`
    })
    process.stderr.write(
      `test server: still ${step} after ${SLOW_STEP_MS / 1000} s; its last log lines:\n${last.join('\n')}\n`,
    )
  }, SLOW_STEP_MS)
  timer.unref()
  try {
    return await work
  } finally {
    clearTimeout(timer)
  }
}

/**
 * PORT and ASCOLTO_PUBLIC_URL on a port free now, for a server whose configured public URL must be
 * the one the browser sees (passkeys are bound to it); other tests listen on any port.
 */
export async function publicUrlEnv(): Promise<{ PORT: string; ASCOLTO_PUBLIC_URL: string }> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  const port = typeof address === 'object' && address ? address.port : 0
  return { PORT: String(port), ASCOLTO_PUBLIC_URL: `http://localhost:${port}` }
}

/** A helpline that relaxed the second factor for its volunteers (every role needs one by default). */
export async function relaxVolunteerSecondFactor(pool: Pool, helplineId: string) {
  await pool.query(
    `insert into helpline_security (helpline_id, volunteer_second_factor) values ($1, false)
     on conflict (helpline_id) do update set volunteer_second_factor = false`,
    [helplineId],
  )
}

export async function makeHelpline(pool: Pool, slug = `h-${randomBytes(4).toString('hex')}`) {
  const helpline = await createHelpline(pool, { slug, name: `Helpline ${slug}` })
  const channel = await createChannel(pool, { helplineId: helpline.id, kind: 'webchat', name: 'Web chat' })
  return { helplineId: helpline.id, channelId: channel.id }
}

export const TEST_PASSWORD = 'correct horse battery staple'

/** A staff member of the given helplines, signed in: returns the cookie to send. */
export async function makeOperator(
  server: { pool: Pool; url: string },
  memberships: Array<{ helplineId: string; role: MemberRole }>,
  name = 'Volontaria',
) {
  const email = `${randomBytes(5).toString('hex')}@example.org`
  const user = await createUser(server.pool, { email, displayName: name, password: TEST_PASSWORD })
  for (const membership of memberships) await addMembership(server.pool, { userId: user.id, ...membership })
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { userId: user.id, email, cookie }
}

export function visitorToken() {
  const token = randomBytes(32).toString('base64url')
  noteMadeUp(token)
  return token
}

/** Calls the API as a browser would, with or without a cookie / bearer token. */
export async function call(
  url: string,
  options: {
    method?: string
    cookie?: string
    token?: string
    body?: unknown
    headers?: Record<string, string>
  } = {},
) {
  // what a test sends as a person or a volunteer must never reach a log (log-scan.ts)
  noteMadeUpBody(options.body)
  if (options.token) noteMadeUp(options.token)
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json'
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const response = await fetch(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body })
  return answerOf(response)
}
