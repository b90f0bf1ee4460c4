// eld's own detector (its text handling, scores and reliability, unchanged) over its large model
// held compact (compact-ngrams.ts). eld builds a detector only around a model it keeps as objects,
// so its factory is taken from its own source file, past the package's exports: eld is pinned to
// one version in package.json, and large-model-detector.test.ts checks that every answer is the
// one eld/large gives.

import { fork } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deserialize, serialize } from 'node:v8'
import type { eld } from 'eld'
import { type CompactNgrams, isCompactNgrams, type NgramsData, ngramsView } from './compact-ngrams.ts'

type Detector = Pick<typeof eld, 'detect'>
type EldSource = { createEld(): { instance: Detector; loadData(data: NgramsData): string } }

const ELD = import.meta.resolve('eld')
const { version } = JSON.parse(readFileSync(new URL('../../package.json', ELD), 'utf8')) as {
  version: string
}
export const MODEL_CACHE = fileURLToPath(new URL(`../../../.cache/ascolto/eld-${version}-large.bin`, ELD))

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
  import(new URL('../languageDetector.js', ELD).href) as Promise<EldSource>,
  largeModel(MODEL_CACHE),
])
const { instance, loadData } = createEld()
loadData({ type: compact.type, languages: compact.languages, ngrams: ngramsView(compact) })

export const largeModelDetector: Detector = instance
