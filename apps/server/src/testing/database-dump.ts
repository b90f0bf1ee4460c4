// A database dump as an attacker holding one would read it: every row of every table as text,
// and every bytea column as raw bytes (e2e/security-dump.test.ts, the erasure tests).
import type { Pool } from '@ascolto/db'

/** Every row of every table as text, and every bytea column decoded as raw bytes. */
export async function dumpDatabase(pool: Pool, options: { except?: readonly string[] } = {}) {
  // the application's schemas: public, and the keystore of each person's wrapped key
  const { rows: tables } = await pool.query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
      where table_schema in ('public', 'keystore') and table_type = 'BASE TABLE'`,
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
  return { tables: tables.length, text: parts.join('\n') }
}
