// The real command, as anyone checking the detector would run it.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { it } from 'node:test'

it('prints one JSON line per line of standard input, "und" where it cannot tell', () => {
  const cli = path.join(import.meta.dirname, '..', 'cli.ts')
  const run = spawnSync(process.execPath, [cli, 'detect-language'], {
    input: 'am nevoie de ajutor\n\n1234\nho bisogno di aiuto\n',
    encoding: 'utf8',
  })
  assert.equal(run.status, 0, run.stderr)
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  assert.deepEqual(
    lines.map((line) => line.language),
    ['ro', 'und', 'und', 'it'],
  )
  for (const line of lines) assert.deepEqual(Object.keys(line).sort(), ['confidence', 'language'])
})
