// `npm test`: starts the database the suite needs, makes a migrated template of it, runs every
// test file with node's test runner, and cleans up. The database is the embedded PostgreSQL by
// default, or the server DATABASE_URL names (CI runs it against the machine's PostgreSQL).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createPool, type EmbeddedDatabase, migrate, startEmbeddedPostgres } from '@ascolto/db'

const root = path.resolve(import.meta.dirname, '..')
const template = `ascolto_template_${process.pid}`
// this run's test databases: another run against the same server (a colleague's, a second
// terminal) has its own, which this one must not drop when it cleans up
const databasePrefix = `ascolto_test_${process.pid}_`

async function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
  return new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  )
}

const files = process.argv.slice(2)
const built = ['apps/console/dist/index.html', 'apps/widget/dist/widget.js'].every((f) =>
  existsSync(path.join(root, f)),
)
// the browser tests need the built console and widget; a run of chosen files is left as it is
if (!built && files.length === 0 && (await run('npm', ['run', 'build'])) !== 0) process.exit(1)

let embedded: EmbeddedDatabase | undefined
let embeddedDir: string | undefined
let adminUrl = process.env.DATABASE_URL
if (!adminUrl) {
  embeddedDir = await mkdtemp(path.join(tmpdir(), 'ascolto-test-db-'))
  embedded = await startEmbeddedPostgres({ dataDir: embeddedDir })
  adminUrl = embedded.url
}
process.stdout.write(
  `Testing against ${embedded ? 'the embedded PostgreSQL' : 'the PostgreSQL server in DATABASE_URL'}\n`,
)

const admin = createPool(adminUrl, { max: 1 })
await admin.query(`drop database if exists ${template}`)
await admin.query(`create database ${template}`)
const templateUrl = new URL(adminUrl)
templateUrl.pathname = `/${template}`
const templatePool = createPool(templateUrl.toString(), { max: 1 })
await migrate(templatePool)
await templatePool.end()

const code = await run(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-timeout=180000',
    ...(files.length > 0 ? files : ['packages/**/*.test.ts', 'apps/**/src/**/*.test.ts', 'e2e/**/*.test.ts']),
  ],
  {
    ...process.env,
    ASCOLTO_TEST_ADMIN_URL: adminUrl,
    ASCOLTO_TEST_TEMPLATE: template,
    ASCOLTO_TEST_DATABASE_PREFIX: databasePrefix,
    DATABASE_URL: '',
  },
)

// databases of test files that crashed before dropping their own
const leftovers = await admin.query<{ datname: string }>(
  'select datname from pg_database where starts_with(datname, $1) or datname = $2',
  [databasePrefix, template],
)
for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`)
await admin.end()
await embedded?.stop()
if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true })
process.exit(code)
