// Forward-only SQL migrations, applied in name order, each in its own transaction, once.
// An advisory lock makes instances that start together take turns instead of racing.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Pool } from './client.ts'

const migrationsDir = path.join(import.meta.dirname, '..', 'migrations')
const MIGRATION_LOCK = 0x61_73_63_6f // "asco"

export async function migrate(pool: Pool): Promise<string[]> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(`create table if not exists schema_migration (
      name text primary key, applied_at timestamptz not null default now())`)
    const applied = new Set(
      (await client.query<{ name: string }>('select name from schema_migration')).rows.map((r) => r.name),
    )
    const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort()
    const unknown = [...applied].filter((name) => !files.includes(name))
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this version does not know (${unknown.join(', ')}): is it newer?`,
      )
    }
    const done: string[] = []
    for (const file of files.filter((f) => !applied.has(f))) {
      const sql = await readFile(path.join(migrationsDir, file), 'utf8')
      try {
        await client.query('begin')
        await client.query(sql)
        await client.query('insert into schema_migration (name) values ($1)', [file])
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error })
      }
      done.push(file)
    }
    return done
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}
