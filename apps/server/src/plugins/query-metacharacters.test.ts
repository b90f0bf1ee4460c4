// SQL metacharacters in every filter and search parameter: every route that takes a query (found
// by the app's own onRoute hook, so a new one is walked too) is called by a coordinator and an
// admin with quotes, comment markers, LIKE wildcards, backslashes, placeholders and a NUL in each
// parameter, and strings longer than any field. Each answer is a coded 4xx or a result, never a
// 5xx; no table went missing, and no table gained or lost a row (but the audit log of the reads).
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '@ascolto/config'
import { createUser } from '@ascolto/core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  visitorToken,
} from '../testing/test-server.ts'
import { registeredRoutes } from './route-policies.ts'

const PAYLOADS = [
  "'",
  "' or '1'='1",
  "'; drop table message; --",
  '"; drop table contact; --',
  '%',
  '_',
  '%_%',
  '\\',
  "\\'",
  '$1',
  '1; select pg_sleep(5)',
  '/* */',
  '\u0000',
  '2026-11-23\u0000',
  '9'.repeat(40),
  // longer than any field, in a query string a proxy still passes
  'x'.repeat(6000),
  "'".repeat(2000),
  '%'.repeat(2000),
]

describe('SQL metacharacters in every filter and search parameter', () => {
  let server: TestServer
  let app: FastifyInstance
  let helplineId: string
  const cookies: string[] = []

  before(async () => {
    server = await startTestServer()
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
    const line = await makeHelpline(server.pool)
    helplineId = line.helplineId
    // a conversation, so the filters read real rows
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text: 'vorrei parlare con qualcuno' },
    })
    cookies.push((await makeOperator(server, [{ helplineId, role: 'coordinator' }])).cookie)
    const email = `${randomBytes(4).toString('hex')}@example.org`
    await createUser(server.pool, { email, displayName: 'Admin', password: TEST_PASSWORD, isAdmin: true })
    const signedIn = await call(`${server.url}/api/session`, { body: { email, password: TEST_PASSWORD } })
    cookies.push((signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '')
  })
  after(async () => {
    await app?.close()
    await server?.close()
  })

  it('answers a coded 4xx or a result, never a 5xx, and leaves every table in place', async () => {
    const tablesBefore = await tableCount()
    const rowsBefore = await rowCounts()
    const routes = registeredRoutes(app).filter((route) => route.method === 'GET' && route.query.length > 0)
    assert.ok(routes.length >= 7, `only ${routes.length} routes with a query seen`)
    const wrong: string[] = []
    for (const route of routes) {
      // the path's ids are the coordinator's own helpline, so the query is what is read
      const path = route.url.replace(/:[A-Za-z]+/g, helplineId)
      for (const name of route.query)
        for (const payload of PAYLOADS)
          for (const cookie of cookies) {
            const response = await app.inject({
              method: 'GET',
              url: `${path}?${new URLSearchParams({ [name]: payload })}`,
              headers: { cookie },
            })
            const status = response.statusCode
            const code = status >= 400 ? (response.json() as { code?: string }).code : undefined
            if (status >= 500 || (status >= 400 && !code?.startsWith('ASCOLTO_ERR_')))
              wrong.push(`${route.url} ${name}=${JSON.stringify(payload)}: ${status} ${code ?? ''}`)
          }
    }
    assert.deepEqual(wrong, [])
    assert.equal(await tableCount(), tablesBefore)
    assert.deepEqual(await rowCounts(), rowsBefore)
  })

  /** Each table's rows, but the audit log's: reading a helpline's data is audited. */
  const rowCounts = async () =>
    (
      await server.pool.query<{ name: string; n: string }>(
        `select table_name as name,
                (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', table_name), false, true, '')))[1]::text as n
           from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'audit_event'
          order by table_name`,
      )
    ).rows

  const tableCount = async () =>
    (
      await server.pool.query<{ n: number }>(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      )
    ).rows[0]?.n
})
