// One Ascolto per data folder: a second one would fight over the embedded database's files.
import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by another Ascolto (process ${pid}). ` +
        'Stop that one first, or point ASCOLTO_DATA_DIR at another folder.',
    )
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export async function acquireDataDirLock(dataDir: string): Promise<{ release: () => Promise<void> }> {
  const lockFile = path.join(dataDir, 'ascolto.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600)
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return { release: () => rm(lockFile, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid)
      }
      // left behind by a process that died: take it over
      await rm(lockFile, { force: true })
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`)
}
