// A database dump as an attacker holding one would read it: every row of every table as text,
// and every bytea column as raw bytes (e2e/security-dump.test.ts, e2e/retention-dump.test.ts, the
// erasure tests); and, where this machine's pg_dump can read the server, pg_dump's own output.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Pool } from '@ascolto/db'

/**
 * Every schema of the database but PostgreSQL's own, read from pg_namespace: a schema added later
 * (a job queue's, the realtime adapter's, another keystore) is in the dump without anyone listing it.
 */
export const SCHEMAS_SQL = `select nspname from pg_namespace
  where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_toast%'
    and nspname not like 'pg\\_temp\\_%'`

/** Every row of every table as text, and every bytea column decoded as raw bytes. */
export async function dumpDatabase(pool: Pool, options: { except?: readonly string[] } = {}) {
  const { rows: tables } = await pool.query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
      where table_schema in (${SCHEMAS_SQL}) and table_type = 'BASE TABLE'`,
  )
  const parts: string[] = []
  for (const { table_schema: schema, table_name: name } of tables) {
    if (options.except?.includes(name)) continue
    const table = `"${schema}"."${name}"`
    const rows = await pool.query<{ row: string }>(`select t::text as row from ${table} t`)
    parts.push(...rows.rows.map((r) => r.row))
    const { rows: columns } = await pool.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = $1 and table_name = $2 and data_type = 'bytea'`,
      [schema, name],
    )
    for (const { column_name: column } of columns) {
      const decoded = await pool.query<{ raw: string }>(
        `select encode("${column}", 'escape') as raw from ${table} where "${column}" is not null`,
      )
      parts.push(...decoded.rows.map((r) => r.raw))
    }
  }
  const schemas = new Set(tables.map((t) => t.table_schema))
  return { tables: tables.length, schemas: [...schemas].sort(), text: parts.join('\n') }
}

/**
 * pg_dump of every schema pg_namespace lists (data, large objects, sequences, comments), as plain
 * SQL; null where this machine's pg_dump is older than the server (it refuses to read a newer
 * one), and the dump above stands alone.
 */
export async function pgDump(pool: Pool, databaseUrl: string): Promise<string | null> {
  const run = promisify(execFile)
  let version: string
  try {
    version = (await run('pg_dump', ['--version'])).stdout
  } catch {
    return null
  }
  const ours = Number(/(\d+)\.\d+/.exec(version)?.[1])
  const { rows } = await pool.query<{ n: string }>(`select current_setting('server_version_num') as n`)
  const server = Math.floor(Number(rows[0]?.n) / 10_000)
  if (!(ours >= server)) return null
  const { rows: schemas } = await pool.query<{ nspname: string }>(SCHEMAS_SQL)
  const { stdout } = await run(
    'pg_dump',
    ['--dbname', databaseUrl, '--no-owner', ...schemas.flatMap((s) => ['--schema', s.nspname])],
    { maxBuffer: 512 * 1024 * 1024 },
  )
  // bytea comes out as hex (\\x4d79…): read as the bytes it is, as an attacker would
  const bytes = [...stdout.matchAll(/\\x((?:[0-9a-f]{2})+)/g)].map((m) =>
    Buffer.from(m[1] ?? '', 'hex').toString('latin1'),
  )
  return [stdout, ...bytes].join('\n')
}
