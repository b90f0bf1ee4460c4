// `ascolto triage`, for real: the command reads standard input line by line and prints one JSON
// line each; with --helpline, the helpline's own phrases and the kinds it turned off apply.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importHelplineSettings, loadHelplineSettings } from '@ascolto/core'
import { createTestDatabase, type TestDatabase } from '@ascolto/db/testing'
import { makeHelpline } from '../testing/test-server.ts'

const cli = path.resolve(import.meta.dirname, '..', 'cli.ts')

function runTriage(lines: string[], args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, 'triage', ...args], { env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  child.stdin.end(`${lines.join('\n')}\n`)
  return new Promise<{ code: number | null; out: unknown[]; stderr: string }>((resolve) =>
    child.on('close', (code) =>
      resolve({
        code,
        stderr,
        out: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      }),
    ),
  )
}

describe('ascolto triage', () => {
  let database: TestDatabase
  before(async () => {
    database = await createTestDatabase()
  })
  after(() => database?.drop())

  it('prints one JSON line per message, in order, blank lines included', async () => {
    const result = await runTriage(['stanotte voglio farla finita', 'mi ammazzo di lavoro', ''])
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(result.out, [
      { level: 'imminent', kinds: ['suicide_self_harm'], phrases: ['voglio farla finita', 'stanotte'] },
      { level: 'none', kinds: [], phrases: [] },
      { level: 'none', kinds: [], phrases: [] },
    ])
  })

  it("with --helpline, adds the helpline's phrases and leaves out the kinds it turned off", async () => {
    const { helplineId } = await makeHelpline(database.pool, 'tratta-test')
    const settings = await loadHelplineSettings(database.pool, helplineId)
    await importHelplineSettings(database.pool, helplineId, {
      ...settings,
      triage: {
        phrases: [
          { text: 'lavoro in campagna senza contratto', kind: 'trafficking_exploitation', level: 'medium' },
        ],
        kindsOff: ['substance_emergency'],
      },
    })
    const lines = ['faccio un lavoro in campagna senza contratto', 'ho preso troppa coca e sto male, tremo']
    const own = await runTriage(lines, ['--helpline', 'tratta-test'], { DATABASE_URL: database.url })
    assert.equal(own.code, 0, own.stderr)
    assert.deepEqual(own.out, [
      {
        level: 'medium',
        kinds: ['trafficking_exploitation'],
        phrases: ['lavoro in campagna senza contratto'],
      },
      { level: 'none', kinds: [], phrases: [] },
    ])
    const plain = await runTriage(lines)
    assert.deepEqual(
      plain.out.map((line) => (line as { level: string }).level),
      ['none', 'high'],
    )

    const unknown = await runTriage(['ciao'], ['--helpline', 'nessuna'], { DATABASE_URL: database.url })
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /no helpline with the slug "nessuna"/)
  })
})
