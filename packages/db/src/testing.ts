// A fresh, migrated database per test file, copied from a template that scripts/test.ts makes
// once per run: CREATE DATABASE … TEMPLATE takes a few milliseconds, migrating does not.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createPool, type Pool } from './client.ts'

export type TestDatabase = { url: string; pool: Pool; drop: () => Promise<void> }

function testSettings() {
  const adminUrl = process.env.ASCOLTO_TEST_ADMIN_URL
  const template = process.env.ASCOLTO_TEST_TEMPLATE
  if (!adminUrl || !template) {
    throw new Error(
      'Run the tests with `npm test`: it starts the database they need (ASCOLTO_TEST_ADMIN_URL is not set)',
    )
  }
  return { adminUrl, template }
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: testSettings().adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testSettings()
  const name = `${process.env.ASCOLTO_TEST_DATABASE_PREFIX ?? 'ascolto_test_'}${randomBytes(6).toString('hex')}`
  await asAdmin((client) => client.query(`create database ${name} template ${template}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const pool = createPool(url.toString(), { max: 10 })
  let dropped = false
  return {
    url: url.toString(),
    pool,
    drop: async () => {
      if (dropped) return
      dropped = true
      await pool.end()
      await asAdmin((client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}
