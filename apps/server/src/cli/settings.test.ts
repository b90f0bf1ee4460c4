// Settings files in and out of a real database: every file of docs/settings comes back out as it
// went in, a file with a problem changes nothing, and the real CLI does the same as a command.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ConfigError } from '@ascolto/config'
import { SettingsError } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { makeHelpline } from '../testing/test-server.ts'
import { exportSettings, importSettings } from './settings.ts'

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..')
const folder = path.join(root, 'docs', 'settings')
const cli = path.resolve(import.meta.dirname, '..', 'cli.ts')

/** The file as the database keeps it: everything but the editor's `$schema`, in the same order. */
async function withoutSchema(file: string) {
  const { $schema: _schema, ...settings } = JSON.parse(await readFile(file, 'utf8'))
  return settings
}

describe('settings export and import', () => {
  let database: TestDatabase
  let dir: string
  before(async () => {
    database = await createTestDatabase()
    dir = await mkdtemp(path.join(tmpdir(), 'ascolto-settings-'))
  })
  after(async () => {
    await database?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  for (const name of [
    'addiction-line',
    'anti-trafficking-line',
    'association-web-chat',
    'listening-line',
    'social-services-desk',
  ]) {
    it(`${name}.json comes back out unchanged, in the same order`, async () => {
      const slug = `${name}-${randomBytes(3).toString('hex')}`
      await makeHelpline(database.pool, slug)
      const file = path.join(folder, `${name}.json`)
      await importSettings(database.pool, slug, file)
      const exported = JSON.parse(await exportSettings(database.pool, slug))
      assert.deepStrictEqual(exported, await withoutSchema(file))
      assert.equal(JSON.stringify(exported), JSON.stringify(await withoutSchema(file)))
      const { rows } = await database.pool.query(
        'select name, default_locale from helpline where slug = $1',
        [slug],
      )
      assert.deepEqual(rows[0], { name: exported.name, default_locale: 'it' })
    })
  }

  it('covers every file in docs/settings', async () => {
    assert.equal((await readdir(folder)).filter((f) => f.endsWith('.json')).length, 5)
  })

  it('a file with a problem, or no JSON at all, changes nothing', async () => {
    const slug = `bad-${randomBytes(3).toString('hex')}`
    await makeHelpline(database.pool, slug)
    await importSettings(database.pool, slug, path.join(folder, 'listening-line.json'))
    const before = await exportSettings(database.pool, slug)

    const bad = await withoutSchema(path.join(folder, 'social-services-desk.json'))
    bad.opening.weekly.mon[0].end = '25:00'
    bad.colour = 'blue'
    const badFile = path.join(dir, 'bad.json')
    await writeFile(badFile, JSON.stringify(bad))
    await assert.rejects(importSettings(database.pool, slug, badFile), (error) => {
      assert.ok(error instanceof SettingsError)
      assert.ok(error.problems.some((p) => p.startsWith('opening.weekly.mon[0].end:')))
      assert.ok(error.problems.some((p) => p.startsWith('colour:')))
      return true
    })
    await writeFile(badFile, '{ "name": ')
    await assert.rejects(importSettings(database.pool, slug, badFile), ConfigError)
    await assert.rejects(importSettings(database.pool, slug, path.join(dir, 'missing.json')), ConfigError)
    await assert.rejects(importSettings(database.pool, 'no-such-helpline', badFile), ConfigError)

    assert.equal(await exportSettings(database.pool, slug), before)
  })

  describe('through the real CLI', () => {
    let env: Record<string, string>
    before(() => {
      env = {
        DATABASE_URL: database.url,
        ASCOLTO_DATA_DIR: dir,
        ASCOLTO_MASTER_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      }
    })

    function ascolto(...args: string[]) {
      const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => {
        stdout += chunk
      })
      child.stderr.on('data', (chunk) => {
        stderr += chunk
      })
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on('close', (code) => resolve({ code, stdout, stderr })),
      )
    }

    it('imports, exports, refuses a bad file with every problem, and previews', async () => {
      const slug = `cli-${randomBytes(3).toString('hex')}`
      await makeHelpline(database.pool, slug)
      const file = path.join(folder, 'listening-line.json')

      const imported = await ascolto('settings', 'import', '--helpline', slug, file)
      assert.equal(imported.code, 0, imported.stderr)
      const exported = await ascolto('settings', 'export', '--helpline', slug)
      assert.equal(exported.code, 0, exported.stderr)
      assert.deepStrictEqual(JSON.parse(exported.stdout), await withoutSchema(file))
      const out = path.join(dir, 'exported.json')
      assert.equal((await ascolto('settings', 'export', '--helpline', slug, '--out', out)).code, 0)
      assert.equal(await readFile(out, 'utf8'), exported.stdout)

      const bad = await withoutSchema(file)
      bad.opening.weekly.mon[0].end = '25:00'
      delete bad.autoReplies.holiday.it
      delete bad.policy
      const badFile = path.join(dir, 'bad-cli.json')
      await writeFile(badFile, JSON.stringify(bad))
      const refused = await ascolto('settings', 'import', '--helpline', slug, badFile)
      assert.equal(refused.code, 2)
      assert.match(refused.stderr, /opening\.weekly\.mon\[0\]\.end: /)
      assert.match(refused.stderr, /Nothing was changed/)
      const missing = await ascolto('settings', 'import', '--helpline', slug, path.join(dir, 'missing.json'))
      assert.equal(missing.code, 2)
      assert.match(missing.stderr, /cannot read/)
      // the shape is fixed: now the problems a shape cannot show, all at once
      bad.opening.weekly.mon[0].end = '21:00'
      await writeFile(badFile, JSON.stringify(bad))
      const again = await ascolto('settings', 'import', '--helpline', slug, badFile)
      assert.equal(again.code, 2)
      assert.match(again.stderr, /autoReplies\.holiday: needs a text in it/)
      assert.match(again.stderr, /policy: /)
      assert.equal((await ascolto('settings', 'export', '--helpline', slug)).stdout, exported.stdout)

      const preview = await ascolto('preview', '--helpline', slug, '--at', '2026-12-25T19:00', '--json')
      assert.equal(preview.code, 0, preview.stderr)
      const shown = JSON.parse(preview.stdout)
      assert.equal(shown.at, '2026-12-25T19:00:00+01:00')
      assert.equal(shown.open, false)
      assert.equal(shown.closedBy, 'holiday')
      assert.equal(shown.nextOpening.at, '2026-12-27T18:00:00+01:00')
      assert.equal(shown.dueAt, '2026-12-27T21:00:00+01:00')
      assert.deepEqual(
        shown.replies.firstMessageEver.map((r: { kind: string }) => r.kind),
        ['welcome', 'holiday'],
      )
      assert.deepEqual(
        shown.replies.returning.map((r: { kind: string }) => r.kind),
        ['holiday'],
      )

      const words = await ascolto('preview', '--helpline', slug, '--at', '2026-01-12T22:00')
      assert.equal(words.code, 0, words.stderr)
      assert.match(words.stdout, /closed: outside the weekly hours/)
      assert.match(words.stdout, /ti risponderemo domani dalle 18:00/)

      const wrongTime = await ascolto('preview', '--helpline', slug, '--at', 'tomorrow')
      assert.equal(wrongTime.code, 2)
      assert.match(wrongTime.stderr, /--at/)
    })
  })
})
