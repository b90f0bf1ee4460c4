import assert from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './index.ts'

describe('configuration', () => {
  it('has defaults a newcomer can run with', () => {
    const config = loadConfig({})
    assert.equal(config.port, 3000)
    assert.equal(config.role, 'all')
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.dataDir, path.resolve('data'))
    assert.equal(config.publicUrl, 'http://localhost:3000')
  })

  it('reports every problem at once, and never shows a secret', () => {
    try {
      loadConfig({
        PORT: 'x',
        ASCOLTO_ROLE: 'boss',
        DATABASE_URL: 'mysql://db',
        ASCOLTO_MASTER_KEY: 'short-secret',
      })
      assert.fail('should have thrown')
    } catch (error) {
      assert.ok(error instanceof ConfigError)
      const names = error.problems.map((p) => p.split('=')[0])
      assert.deepEqual(names.sort(), ['ASCOLTO_MASTER_KEY', 'ASCOLTO_ROLE', 'DATABASE_URL', 'PORT'])
      assert.doesNotMatch(error.message, /short-secret/)
    }
  })

  it('reads secrets from NAME_FILE', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'ascolto-config-')), 'key')
    await writeFile(file, `${'ab'.repeat(32)}\n`)
    assert.equal(loadConfig({ ASCOLTO_MASTER_KEY_FILE: file }).masterKey, 'ab'.repeat(32))
    assert.throws(() => loadConfig({ ASCOLTO_MASTER_KEY_FILE: `${file}.missing` }), /ASCOLTO_MASTER_KEY_FILE/)
    // the database's address carries its password: a secret too
    const url = path.join(path.dirname(file), 'database-url')
    await writeFile(url, 'postgres://ascolto:s3cret@db:5432/ascolto\n')
    assert.equal(
      loadConfig({ DATABASE_URL_FILE: url }).databaseUrl,
      'postgres://ascolto:s3cret@db:5432/ascolto',
    )
  })
})
