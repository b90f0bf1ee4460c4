// Ascolto as a separate process, started through its CLI as an admin would: for the tests
// that need several instances, a kill -9, or the embedded database's real lifecycle.
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

const cli = path.resolve(import.meta.dirname, '..', 'cli.ts')

export type SpawnedAscolto = {
  url: string
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

export async function spawnAscolto(
  env: Record<string, string>,
  args: string[] = [],
): Promise<SpawnedAscolto> {
  const child = spawn(process.execPath, [cli, 'start', ...args], {
    // makeOperator signs in with a password alone, as in test-server.ts
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ASCOLTO_SECOND_FACTOR: 'optional', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    // generous: on a loaded machine type stripping and migrations alone have taken over a minute
    const timer = setTimeout(() => reject(new Error(`Ascolto did not start:\n${output}`)), 120_000)
    const check = () => {
      const match = /Ascolto (?:is running at (\S+)|worker is running)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1] ?? '')
      }
    }
    child.stdout?.on('data', check)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`Ascolto exited (${code}) before starting:\n${output}`))
    })
  })
  return { url, child, output: () => output, exited }
}

export async function stopAscolto(instance: SpawnedAscolto, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.child.exitCode !== null) return instance.child.exitCode
  instance.child.kill(signal)
  return instance.exited
}
