// eld's own detector (its text handling, scores and reliability, unchanged) over its large model
// held compact (compact-ngrams.ts). eld builds a detector only around a model it keeps as objects,
// so its factory is taken from its own source file (eld-files.ts).

import { fork } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deserialize, serialize } from 'node:v8'
import type { eld } from 'eld'
import { type CompactNgrams, isCompactNgrams, type NgramsData, ngramsView } from './compact-ngrams.ts'
import { ELD_DETECTOR, ELD_PACKAGE_JSON, NODE_MODULES_CACHE } from './eld-files.ts'

type Detector = Pick<typeof eld, 'detect'>
type EldSource = { createEld(): { instance: Detector; loadData(data: NgramsData): string } }

const { version } = JSON.parse(readFileSync(ELD_PACKAGE_JSON, 'utf8')) as { version: string }
export const MODEL_CACHE = fileURLToPath(new URL(`ascolto/eld-${version}-large.bin`, NODE_MODULES_CACHE))

/** The compacted model, from the cache file where it holds a whole one, or compacted and cached. */
export async function largeModel(cacheFile: string): Promise<CompactNgrams> {
  const cached: unknown = await readFile(cacheFile)
    .then(deserialize)
    .catch(() => undefined)
  if (isCompactNgrams(cached)) return cached
  const compact = await compactLargeModel()
  // written whole, then renamed: no process reads half of it. Where it cannot be written (an
  // installation whose files are read-only), each start compacts it again.
  const partial = `${cacheFile}.${process.pid}`
  await mkdir(path.dirname(cacheFile), { recursive: true })
    .then(() => writeFile(partial, serialize(compact)))
    .then(() => rename(partial, cacheFile))
    .catch(() => rm(partial, { force: true }).catch(() => {}))
  return compact
}

async function compactLargeModel(): Promise<CompactNgrams> {
  // a process, not a worker thread: the memory that parsing the model takes goes back to the
  // system only when its process ends (a worker's stayed in the instance: 620 MB resident after,
  // 85 MB with a process). Without the instance's own flags (a profiler's, a test runner's).
  const child = fork(fileURLToPath(new URL('./compact-large-model.ts', import.meta.url)), {
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [compact] = await Promise.race([
    once(child, 'message') as Promise<[CompactNgrams]>,
    once(child, 'exit').then(([code]) => {
      throw new Error(`the language model could not be read (its process ended with ${code})`)
    }),
  ])
  child.disconnect()
  return compact
}

const [{ createEld }, compact] = await Promise.all([
  import(ELD_DETECTOR) as Promise<EldSource>,
  largeModel(MODEL_CACHE),
])
const { instance, loadData } = createEld()
loadData({ type: compact.type, languages: compact.languages, ngrams: ngramsView(compact) })

export const largeModelDetector: Detector = instance
